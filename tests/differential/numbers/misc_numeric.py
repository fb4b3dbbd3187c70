"""Assorted numeric corners: constructors, conversions, mixed operations,
sys.int_info/float_info/hash_info, int subclasses and float subclasses."""
import sys


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(float("  nan  "), float("+inf"), float("infinity"), float("1e-400"), float("-0"), float("1_2.3_4e1_0"))
print(int.from_bytes([1, 2], "little"), (255).to_bytes(), (-1).to_bytes(2, signed=True), int.from_bytes(b"", "big"))
print(divmod(7.5, 2), divmod(-7, 2.0), divmod(2 ** 70, -3), pow(2, 0.5), pow(-8, 1 / 3), pow(2.0, 3), pow(3, 4, 5))
print(abs(-5), abs(-2 ** 100), abs(-0.0), round(-0.5), round(0.5), round(1.5), round(-1.5), sum([0.1] * 10))
print(sys.int_info.bits_per_digit >= 15, sys.int_info.default_max_str_digits, sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig)
print(sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.width, sys.maxsize)
print(1e300 * 1e10, -1e300 * 1e10, 1e-300 * 1e-300, 2.0 ** 1023 * 2, (2 ** 1023) * 2.0)
print(0.1 + 0.7, 1.1 * 3, 1 / 7, 2 / 3, 10 / 4, -10 / 4, 10 // 4, -10 // 4, 10 % -4, -10 % 4)
print(7 // 2.0, -7 // 2.0, 7 % 2.5, -7 % 2.5, 1e16 + 1, 2 ** 63, -(2 ** 63), 2 ** 64 - 1)
print(int("-" + "9" * 50) // 10 ** 40, (10 ** 50 + 1) % 97, (-(10 ** 50)) >> 100, ~(10 ** 30), -(-(10 ** 20)))


class MyInt(int):
    def __repr__(self):
        return "MyInt(" + super().__repr__() + ")"


class MyFloat(float):
    pass


m = MyInt(7)
print(m, m + 1, type(m + 1).__name__, m * 2, -m, m == 7, hash(m) == hash(7), int(m), type(int(m)).__name__, f"{m:>5}", str(m))
print(MyInt("12"), MyInt("ff", 16), isinstance(m, int), bool(MyInt(0)), m.bit_length(), m.real, (5).__index__())
mf = MyFloat(2.5)
print(mf, mf + 1, type(mf + 1).__name__, mf * 2, round(mf), mf == 2.5, mf.is_integer(), float(mf), type(float(mf)).__name__, f"{mf:.3f}")
print(int(2.9), int(-2.9), int("0"), int("-0b101", 0), int(" 12 "), float(3), float(True), complex(True), bool(0.0))
print((3).__add__(1.0), (3.0).__radd__(1), (2).__pow__(-1), (10).__rtruediv__(5), (5).__floordiv__(2))
print(7 .__class__.__name__, (7).__sizeof__() > 0, (2.5).__floor__(), (2.5).__ceil__(), (-2.5).__trunc__(), (2.5).conjugate())
show("int-list", lambda: int([1]))
show("float-none", lambda: float(None))
show("int-base-float", lambda: int(1.5, 10))
show("cmp", lambda: 1 < "a")
show("neg-sqrt-complex", lambda: (-4) ** 0.5)
show("huge-pow", lambda: 10.0 ** 10 ** 5)
show("round-str", lambda: round("x"))
show("round-nd", lambda: round(1.5, 1.5))
show("divmod-str", lambda: divmod("a", 1))
show("bad-tobytes", lambda: (1).to_bytes(1, "middle"))
show("from_bytes-str", lambda: int.from_bytes("ab", "big"))
show("hex-float", lambda: hex(1.5))
