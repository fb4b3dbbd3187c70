"""str methods: split/join/strip/replace/find/count/case/predicates/padding/
partition/splitlines/expandtabs/encode/translate, indexing and slicing."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


s = "  Hello, Wörld! héllo  "
print(s.split(), s.split(","), s.split("l", 2), s.rsplit("l", 2), "a,b,,c".split(","), "".split(), "".split(","))
print(" a  b ".split(None, 1), " a  b ".rsplit(None, 1), "a\tb\nc\x1fd".split(), "x".join(["1", "2", "3"]), "".join([]))
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), "xxhixx".strip("x"), "abcba".strip("ab"), "\u3000x\u3000".strip())
print(s.replace("l", "L"), s.replace("l", "L", 2), "aaa".replace("", "-"), "abc".replace("", "-", 2), "aaaa".replace("aa", "b"))
print(s.find("l"), s.rfind("l"), s.find("l", 6), s.find("l", 3, 4), s.find(""), s.find("", 100), s.index("W"), s.count("l"), "aaa".count(""), "abc".count("", 1))
print(s.startswith("  H"), s.endswith(("x", "  ")), "abc".startswith("b", 1), "abc".endswith("b", 0, 2), "abc".startswith(("a", "z")))
print("hello wORLD's 3rd".title(), "hELLO".capitalize(), "AbC".swapcase(), "Straße".upper(), "ΣΑΣ".lower(), "Straße".casefold(), "İ".lower())
print("abc".isalpha(), "ab1".isalnum(), "123".isdigit(), "²".isdigit(), "²".isdecimal(), "½".isnumeric(), " \t\n".isspace(), "".isspace())
print("ABC".isupper(), "abc".islower(), "Hello World".istitle(), "Hello world".istitle(), "_x1".isidentifier(), "1x".isidentifier(), "a\x00".isprintable(), "é".isascii())
print(repr("ab".center(7, "*")), repr("ab".center(6)), repr("ab".ljust(5, "-")), repr("ab".rjust(5)), "-42".zfill(6), "+7".zfill(4), "abc".zfill(2))
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("x"), "abc".rpartition("x"))
print("a\nb\r\nc\rd\x0be\x1cf\u2028g".splitlines(), "x\ny\n".splitlines(True), "".splitlines(), "a\tbc\td".expandtabs(4), "a\tb".expandtabs())
print("héllo".encode(), "héllo".encode("latin-1"), "héllo".encode("ascii", "replace"), "héllo".encode("ascii", "ignore"), "h€".encode("ascii", "xmlcharrefreplace"), "h€".encode("ascii", "backslashreplace"))
print("hello".translate(str.maketrans("el", "ip")), "hello".translate({ord("l"): None, ord("h"): "J"}), str.maketrans("ab", "xy", "c"))
print("prefix-body".removeprefix("prefix-"), "body.txt".removesuffix(".txt"), "abc".removesuffix(""))
t = "héllo wörld"
print(t[0], t[-1], t[1:4], t[::-1], t[::2], t[-3:], t[10:2:-3], t[100:], len(t), "ö" in t, "xyz" in t)
print("ab" * 3, 3 * "ab", "ab" * 0, "ab" + "cd", "abc" < "abd", "a" < "B", "é" > "z", sorted(["b", "A", "a", "é"]))
print(ord("a"), ord("é"), ord("€"), chr(97), chr(233), chr(0x1F600), str(b"hi", "utf-8"), str(b"\xe9", "latin-1"), str(42), str(-1.5))
print([c for c in "héj"], list(reversed("abc")), "-".join(reversed("abc")), "a b c".split(" ", -1))
show("index", lambda: "abc".index("z"))
show("rindex", lambda: "abc".rindex("z"))
show("getitem", lambda: "abc"[3])
key = "x"
show("idxtype", lambda: "abc"[key])
show("emptysep", lambda: "abc".split(""))
show("join", lambda: ",".join(["a", 1]))
show("center", lambda: "a".center(5, "xy"))
show("concat", lambda: "a" + 1)
show("in", lambda: 1 in "abc")
show("encode", lambda: "héllo".encode("ascii"))
show("decode", lambda: b"\xff\xfe".decode())
show("decode2", lambda: b"ab\xc3".decode("utf-8"))
show("codec", lambda: "x".encode("nope"))
show("ord", lambda: ord("ab"))
show("chr", lambda: chr(0x110000))
show("mul", lambda: "a" * 1.5)
