# ABI smoke: strings built, sliced, formatted and joined across calls.
s = "Hello, Wörld! 😀"
print(len(s), s.upper(), s.lower(), s[::-1], s[7:12], s.find("W"), s.encode("utf-8"))
print(s.split(), ",".join(["a", "b", "c"]), "-".join(str(i) for i in range(5)))
print(f"{3.14159:.2f} {42:05d} {'x':>4}| {255:#x} {1e10:g} {-5:+d}")
print("%s=%d (%.1f%%)" % ("k", 7, 12.5), "{0}{1}{0}".format("a", "b"), "{:^9}".format("mid"))
print(repr("quote'\"\n\t\x00"), ascii("é😀"), str(b"bytes"), "é".encode(), b"\xc3\xa9".decode())
parts = []
for i in range(1000):
    parts.append(chr(97 + i % 26))
big = "".join(parts)
print(len(big), big[:30], big.count("a"), big.replace("abc", "X")[:20])
print(sorted(["b", "A", "a", "é"]), "ß".upper(), "İ".lower() == "i̇", "a" < "b", "abc" * 3)
print(int("  42 "), float("1e-3"), str(12345678901234567890), hex(-255), bin(10), oct(8))
print("x".join(map(str, [1, 2.5, None, True])), "%r" % [1, "a"], str.strip("  pad  "))
