from fractions import Fraction as F
import math

print(F(3, 4), F(6, -8), F(5), F(), F(0.5), F(1.1), F("3/4"), F(" -2/6 "), F("1.25"), F("-1e-3"), F("7e2"), F("1_000/3"))
print(repr(F(3, 4)), F(F(1, 3)), F(F(1, 2), F(3, 4)), F(3, 4).numerator, F(3, 4).denominator, F(-6, 4).as_integer_ratio())
a, b = F(1, 3), F(1, 6)
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(F(7, 2), F(2, 3)), -a, +a, abs(F(-2, 5)))
print(a + 1, 1 - a, 2 * a, 1 / a, a + 0.5, 0.5 * a, a ** 2, a ** -2, F(-2, 3) ** -3, 4 ** F(1, 2), F(4) ** F(1, 2), 2 ** F(3))
print(a == F(2, 6), a == 1 / 3, F(1, 2) == 0.5, F(2) == 2, a < b, a > b, a <= 0.34, F(1, 2) >= F(1, 2), F(1) < math.inf, F(1) > math.nan)
print(hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3), hash(F(-1)), hash(F(1, 3)), {F(1, 2): "x"}[F(2, 4)])
print(float(F(1, 3)), int(F(-7, 2)), math.floor(F(-7, 2)), math.ceil(F(-7, 2)), round(F(5, 2)), round(F(7, 2)), round(F(1, 3), 2), round(F(1234), -2))
print(F(3.141592653589793).limit_denominator(1000), F(1, 3).limit_denominator(2), F("0.333").limit_denominator(10), F(10, 1).is_integer(), F(1, 2).is_integer())
print(bool(F(0)), bool(F(1, 9)), sorted([F(1, 2), F(1, 3), 0.4, 1]), sum([F(1, n) for n in range(1, 7)]), f"{F(1, 3):.5f}", format(F(1, 8)), str(F(-5, 1)))
for f in [lambda: F(1, 0), lambda: F("abc"), lambda: F("1/0"), lambda: F(float("nan")), lambda: F(float("inf")),
          lambda: F(1.5, 2), lambda: F([1]), lambda: F(1) / 0, lambda: F(0) ** -1, lambda: F(1, 2).limit_denominator(0)]:
    try:
        print(f())
    except (ZeroDivisionError, ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
