"""bytes and bytearray: literals, repr, indexing, slicing, methods, mutation."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


b = b"Hello, World! \x00\xff'\""
print(b, repr(b"it's"), repr(b'say "hi"'), repr(b"both ' and \""), b"\t\n\r\\", len(b), b[0], b[-1], b[1:5], b[::-3])
print(b.lower(), b.upper(), b.swapcase(), b"hello world".title(), b"hELLO".capitalize(), b.hex(), b"\x01\x02\x03".hex(":"), b"\x01\x02\x03".hex("-", -2))
print(b"a,b,,c".split(b","), b"  a  b ".split(), b"a b c".rsplit(None, 1), b"-".join([b"x", bytearray(b"y")]), b"xxhixx".strip(b"x"), b"  x ".lstrip())
print(b"aaa".replace(b"a", b"bb", 2), b.find(b"o"), b.rfind(b"o"), b.find(111), b.count(b"l"), b.index(b"W"), b"abc".startswith((b"x", b"a")), b"abc".endswith(b"bc"))
print(b"abc".isalpha(), b"12".isdigit(), b" ".isspace(), b"Ab".isupper(), b"ab".islower(), b"Ab Cd".istitle(), b"\x80".isascii(), b"a1".isalnum())
print(b"a=b".partition(b"="), b"a=b=c".rpartition(b"="), b"x\ny\r\nz".splitlines(), b"x\ny".splitlines(True), b"ab".center(6, b"*"), b"7".zfill(3), b"a\tb".expandtabs(4))
print(b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"ab\xff".decode("utf-8", "replace"), b"ab\xff".decode("ascii", "ignore"), b"\xff".decode("utf-8", "backslashreplace"))
print(bytes(3), bytes([65, 66, 67]), bytes(b"xy"), bytes("héllo", "utf-8"), bytes(range(5)), bytes.fromhex("de ad be ef"), bytes(), b"ab" * 3, b"ab" + b"cd")
print(b"abc" == b"abc", b"abc" < b"abd", b"a" in b"cat", 97 in b"cat", list(b"hi"), [x for x in b"\x00\x7f"], hash(b"abc") == hash(b"abc"), b"x" == "x")
print(b"hello".translate(bytes.maketrans(b"el", b"ip")), b"hello".translate(None, b"l"), b"prefix-x".removeprefix(b"prefix-"), b"x.txt".removesuffix(b".txt"))
ba = bytearray(b"hello")
ba.append(33)
ba.extend(b" world")
ba.extend([1, 2])
ba[0] = 72
ba[1:3] = b"EL"
ba[-2:] = b""
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba.insert(0, 74)
ba.insert(100, 46)
ba.remove(32)
ba.reverse()
print(ba, ba[0], ba[1:4], bytearray(3), bytearray([1, 2]), bytearray("ab", "ascii"), bytearray(b"x") * 2)
ba2 = bytearray(b"abc")
ba2 += b"def"
ba2 *= 2
del ba2[0]
del ba2[::2]
print(ba2, ba2.upper(), type(ba2.upper()).__name__, ba2.split(b"e"), ba2 == b"bdfbdf"[0:0] + ba2, bytearray(b"ab") + b"c", b"c" + bytearray(b"ab"))
ba3 = bytearray(b"0123456789")
ba3[::3] = b"abcd"
print(ba3, ba3.copy(), ba3.hex(), bytearray.fromhex("0a0b"), ba3.find(b"4"))
ba3.clear()
print(ba3, len(ba3))
show("idx", lambda: b"abc"[5])
show("bytes_str", lambda: bytes("abc"))
show("range", lambda: bytes([256]))
show("neg", lambda: bytes(-1))
show("concat", lambda: b"a" + "b")
show("hash_ba", lambda: hash(bytearray(b"x")))
show("append_big", lambda: bytearray().append(256))
show("remove", lambda: bytearray(b"a").remove(98))
show("pop_empty", lambda: bytearray().pop())
show("fromhex", lambda: bytes.fromhex("zz"))
show("decode", lambda: b"\xff".decode())
show("slice_assign", lambda: bytearray(b"abc").__setitem__(slice(None, None, 2), b"x"))
