"""printf-style % formatting."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


print("%s|%r|%a|%d|%i|%u" % ("é", "é", "é", 42, -7, 3))
print("%5d|%-5d|%05d|%+d|% d|%+05d|%.3d|%8.3d" % (42, 42, 42, 42, 42, -42, 7, -7))
print("%f|%.2f|%10.3f|%-10.1f|%010.2f|%.0f|%#.0f|%+.1e" % (3.14159, 3.14159, 3.14159, 3.14159, -3.14159, 2.5, 2.5, 12345.0))
print("%e|%.2E|%g|%G|%g|%g|%#g|%.3g" % (12345.678, 0.000123, 1e-5, 1e20, 100000.0, 1000000.0, 1.0, 2.0 / 3))
print("%x|%X|%#x|%o|%#o|%08x|%#08x|%-#8x|" % (255, 255, 255, 8, 8, 48879, 255, 255))
print("%c%c%c|%5s|%-5s|%.2s|%5.1s|" % (72, "i", 0x263A, "ab", "ab", "abcdef", "xyz"))
print("%d%%|%s%%|100%%" % (50, "x"), "%*d|%-*d|%.*f|%*.*f" % (6, 7, 6, 7, 2, 3.14159, 9, 3, 2.71828))
print("%(name)s is %(age)d; %(name)r" % {"name": "Kim", "age": 30}, "%(x)05.1f%%" % {"x": 2.345})
print("%s" % ({"a": 1},), "%s" % [1, 2], "%s" % (("t",),), "%d" % 3.99, "%d" % -3.99, "%i" % True, "%s %s" % (None, True))
print("%r" % 1.0, "%x" % -255, "%s" % "single", "no args" % (), "%%" % (), "%.3s|" % 12345, "%5.1f%%" % 99.44, "%s" % 10 ** 30)
show("notreal", lambda: "%d" % "x")
show("notenough", lambda: "%s %s" % ("a",))
show("toomany", lambda: "%s" % ("a", "b"))
show("mapping", lambda: "%(k)s" % ("x",))
show("key", lambda: "%(k)s" % {"j": 1})
show("badchar", lambda: "%y" % 1)
show("cstr", lambda: "%c" % "ab")
show("crange", lambda: "%c" % -1)
show("xfloat", lambda: "%x" % 1.5)
show("incomplete", lambda: "%" % ())
show("star", lambda: "%*d" % ("w", 1))
show("fstr", lambda: "%.2f" % "1.5")
