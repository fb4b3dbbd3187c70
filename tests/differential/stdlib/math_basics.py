"""math: the functions programs use, exact integer results, and CPython's errors."""
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), type(math.floor(2.5)).__name__)
print(math.isqrt(10**40 + 12345), math.gcd(12, 18, 30), math.lcm(4, 6, 10), math.gcd())
print(math.comb(50, 25), math.perm(10, 3), math.factorial(25), math.prod([1, 2, 3, 4], start=2))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1, abs_tol=0.2))
print(math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(1) == math.e, round(math.log1p(1e-10), 20))
print(math.sin(0), math.cos(0), round(math.atan2(1, 1), 12), math.hypot(3, 4), math.dist((0, 0), (3, 4)))
print(math.degrees(math.pi), math.radians(180), math.copysign(3, -0.0), math.fabs(-2), math.fmod(7, -3))
print(math.trunc(-3.7), math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4), math.remainder(7, 4))
print(math.isfinite(1e308), math.isinf(1e308 * 10), math.floor(10**20 + 0.5) == 10**20)
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1),
            lambda: math.isqrt(-4), lambda: math.comb(3, -1), lambda: math.floor(math.inf),
            lambda: math.floor(math.nan), lambda: math.exp(1000), lambda: math.gcd(1.5),
            lambda: math.sqrt("x")):
    try:
        print(bad())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
