"""Assorted text corners: repr escaping, str subclasses, conversions,
comparisons and hashing consistency, big joins, f-string conversions."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


for s in ["", "'", '"', "'\"", "\\", "\x00\x1f\x7f\x80\x9f\xa0\xad", "\u0378\u2028\u200b\ufeff", "\U0001f600\U000e0001", "ÿĀ\uffff", "a\tb\nc\rd"]:
    print(repr(s), ascii(s), len(s), str(s.encode("utf-8", "backslashreplace"))[:40])


class MyStr(str):
    def shout(self):
        return self.upper() + "!"


ms = MyStr("hey")
print(ms, repr(ms), ms.shout(), ms + "x", type(ms + "x").__name__, ms * 2, ms[0], type(ms[0]).__name__, ms == "hey", hash(ms) == hash("hey"))
print(str(MyStr("a")), type(str(ms)).__name__, f"{ms:>5}", "%s|%r" % (ms, ms), "-".join([ms, ms]), ms.split("e"), len(ms))
print("abc" == "abc", "abc" != "", "a" * 3 == "aaa", hash("abc") == hash("ab" + "c"), {"k": 1}["k"], "é" == "\u00e9")
print(sorted(["b", "a", "C", "é", "Z", "aa", ""]), min("hello"), max("hello"), "abc" < "abcd", "b" > "abc", "Z" < "a")
print(",".join(str(i) for i in range(20)), len("x" * 100000), ("ab" * 50000).count("ab"), "".join(["é"] * 5))
x, y = 3.5, "text"
print(f"{x!s} {x!r} {y!r} {y!a} {'é'!a} {x:>{6}} {y:^{len(y) + 4}} {x=} {y = }")
print(f"{'nested {braces}'} {{escaped}} {x:.{1}f} {[1, 2]!r:>10} {None!s:5}|")
print(str(1e100), str(-1e-100), str(123456789012345678), str([1.5, "a"]), str((1,)), str({"a": 1.0}), str(None), str(...))
print(format(12345.6789, ",.2f"), format(0.000012345, ".3g"), format(-1234, "_"), format(True, "^7"), format(None, ""), format([1], ""))
print("a%sb" % "", "%-6.2f|" % 3.14159, "%+5d|" % 3, "%x" % 255, "%5.1e" % 12345.0, "%%" % (), "%s %s" % ("a", "b"))
print("one two  three".split(" "), "a\u2003b\u3000c".split(), "line1\nline2\r\nline3".splitlines(), "ab".join("xyz"))
print("Ünïcödé".upper(), "ÜNÏCÖDÉ".lower(), "ǆ".title(), "ﬀ".upper(), "İ".lower().encode(), "ß".casefold())
show("format-obj", lambda: format(object(), "d"))
show("str-bad-encoding", lambda: str(b"x", "nope"))
show("str-bytes-not", lambda: str(1, "utf-8"))
show("join-bytes", lambda: "".join([b"x"]))
show("getitem-big", lambda: "abc"[2 ** 100])
show("mul-neg", lambda: "abc" * -1)
show("replace-args", lambda: "abc".replace("a"))
show("startswith-int", lambda: "abc".startswith(1))
show("count-args", lambda: "abc".count())
show("zfill-str", lambda: "1".zfill("3"))
