"""float repr (shortest round trip), arithmetic and its errors, rounding,
parsing, hex, hashing and int/float mixed comparisons."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


vals = [0.0, -0.0, 0.1, 0.2, 0.1 + 0.2, 1.0, 1.5, 1e16, 1e15, 123456789.0, 1e-4, 1e-5, 2.5e-5,
        5e-324, 1.7976931348623157e308, 1 / 3, 2 / 3, 100.0, 1e22, 1e23, 9007199254740993.0,
        float("inf"), -float("inf"), float("nan"), 3.14159, 2.675, 1e300 * 10]
for v in vals:
    print(repr(v), str(v), v == v)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, divmod(-7.5, 2), divmod(7, -2.5))
print(2.0 ** 0.5, (-2.0) ** 2, 2.0 ** -1, 0.0 ** 0, float("nan") ** 0, 1.0 ** float("nan"))
print((-8.0) ** (1 / 3), (-1) ** 0.5)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1.005, 2), round(1234.5678, -2), round(0.5, 0))
print(round(1e300, -300), round(-0.4), round(123.456, 1), round(1.25, 1), round(1.35, 1), type(round(2.5)).__name__)
print((1.5).is_integer(), (2.0).is_integer(), (0.75).as_integer_ratio(), (-0.1).as_integer_ratio())
print((1.0).hex(), (0.1).hex(), (-2.5).hex(), (5e-324).hex(), float.fromhex("0x1.8p1"), float.fromhex("-0x1p-1074"))
print(float("1_000.5"), float(" -1.5e3 "), float("inf"), float("-Infinity"), float("nan"), float("1e500"), float(".5"))
print(hash(1.5), hash(-1.0), hash(0.1), hash(1e100), hash(float("inf")), hash(2.0) == hash(2), hash(-0.0))
print(1 == 1.0, 2 ** 53 + 1 == 2.0 ** 53, 0.1 < 1, 10 ** 400 > float("inf"), float("nan") == float("nan"))
print(3 * 0.1, 1 - 0.9, 1e308 * 10, -1e308 * 10, 1 / 3 * 3, 0.1 * 3 == 0.3)
print(f"{0.1:.20f}", f"{1e-7:g}", f"{123456789.0:e}", f"{2.5:.0f}", f"{3.5:.0f}", f"{-0.0:+.1f}")
show("div0", lambda: 1.0 / 0.0)
show("floordiv0", lambda: 1.0 // 0.0)
show("mod0", lambda: 1.0 % 0)
show("divmod0", lambda: divmod(1.0, 0.0))
show("pow0neg", lambda: 0.0 ** -1)
show("overflow", lambda: 10.0 ** 400)
show("badfloat", lambda: float("abc"))
show("badfloat2", lambda: float("1e"))
show("badhex", lambda: float.fromhex("zz"))
show("ratio_inf", lambda: float("inf").as_integer_ratio())
show("ratio_nan", lambda: float("nan").as_integer_ratio())
show("round_inf", lambda: round(float("inf")))
show("round_nan", lambda: round(float("nan")))
show("round_big", lambda: round(1.7976931348623157e308, -308))
show("float_list", lambda: float([]))
