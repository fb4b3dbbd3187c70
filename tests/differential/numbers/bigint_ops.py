"""Arbitrary-precision int: arithmetic, floor division signs, bit operations
on negatives, shifts, pow with modulus, conversions, hashing and errors."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


a = 123456789012345678901234567890
b = -987654321098765432109876543210
print(a + b, a - b, a * b)
print(a // 7, a % 7, b // 7, b % 7, divmod(b, -13), divmod(a, b))
print(2 ** 200, (-3) ** 101, 7 ** 0, 0 ** 0)
print(a.bit_length(), b.bit_length(), (2 ** 100).bit_count(), (-255).bit_count())
for x in (a, b, -1, 0, 2 ** 64, -(2 ** 64) - 1):
    print(x & 0xFFFF, x | 0xF0F0, x ^ -1, ~x, x >> 3, x << 5, x >> 100)
print(-7 >> 1, -8 >> 100, 5 << 70, (-1) & (2 ** 70 - 1))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(-1), hash(a), hash(b))
print(hash(2 ** 100) == hash(float(2 ** 100)), hash(10 ** 30))
print(pow(3, 200, 1000007), pow(3, 200, -7), pow(2, -1, 7), pow(-2, 3, 5), pow(a, b % 1000, 97))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\x7f", "big", signed=True))
print((1024).to_bytes(2, "big"), (-129).to_bytes(2, "little", signed=True), (2 ** 64).to_bytes(9, "big"))
print((10).as_integer_ratio(), (7).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator)
print(round(1234567, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, 3), round(15, -1))
print(int(3.99), int(-3.99), int(1e20), int(2.5e-3), int(True), int("  -42  "), int("0x_ff", 16))
print(int("0b1010", 0), int("0o17", 0), int("z", 36), int("1_000_000"), int("-0"), int("+7"))
print(float(2 ** 53 + 1), float(-(10 ** 20)), 10 ** 20 / 3, (10 ** 400) // (10 ** 398), 7 / 2, -7 / 2)
print(10 ** 30 == 1e30, 10 ** 16 + 1 == 1e16, 2 ** 53 + 1 > 2.0 ** 53, -(10 ** 400) < -1e308)
print(abs(b), -a, +a, a > b, a == a + 0, max(a, b), min(a, b))
print(str(10 ** 50), repr(-(10 ** 40)), hex(a), oct(b), bin(2 ** 70 + 1))
print(f"{a:,}", f"{b:_}", f"{a:x}", f"{2**70:#b}", f"{a:>45}", f"{b:e}")
show("div0", lambda: a // 0)
show("mod0", lambda: a % 0)
show("truediv0", lambda: a / 0)
show("negshift", lambda: a << -1)
show("bigshift", lambda: 1 << (10 ** 30))
show("pow0neg", lambda: 0 ** -1)
show("powmod0", lambda: pow(2, 3, 0))
show("notinv", lambda: pow(4, -1, 6))
show("tobig", lambda: (2 ** 64).to_bytes(8, "big"))
show("tobytes_neg", lambda: (-1).to_bytes(1, "big"))
show("float_huge", lambda: float(10 ** 400))
show("truediv_huge", lambda: 10 ** 400 / 3)
show("badlit", lambda: int("12z"))
show("badbase", lambda: int("7", 1))
show("under", lambda: int("1__0"))
show("base0zero", lambda: int("010", 0))
show("inf", lambda: int(float("inf")))
show("nan", lambda: int(float("nan")))
show("explicit_base", lambda: int(12, 10))
