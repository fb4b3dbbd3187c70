"""sqrt(x) in loops, computed inline when the callee is math.sqrt: every
operand kind, the errors, and callees that only share the name."""
import math
from math import sqrt


def total(xs):
    s = 0.0
    for x in xs:
        s += sqrt(x)
    return s


def via_module(xs):
    s = 0.0
    for x in xs:
        s = s + math.sqrt(x) * 2.0
    return s


def norms(points):
    out = []
    for a, b in points:
        d2 = a * a + b * b
        out.append(d2 / (d2 * sqrt(d2) + 1.0))
    return out


def first_error(xs):
    done = 0
    try:
        for x in xs:
            sqrt(x)
            done += 1
    except (ValueError, TypeError, OverflowError) as e:
        return done, type(e).__name__, str(e)
    return done, None, None


class Half:
    def __float__(self):
        return 0.25


print(total([1.0, 4.0, 2.0, 0.0, -0.0]))
print(total([1, 4, 9, 2, 10**20]))
print(total([1.5, 2, True, 2.25]))
print(repr(sqrt(-0.0)), sqrt(float("inf")), sqrt(float("nan")))
print(total([1.0, float("nan")]), total([4.0, float("inf")]))
print(via_module([0.5, 8.0, 18.0]))
print(norms([(3.0, 4.0), (1, 1), (0.5, 1.5), (6, 8.0)]))
print(first_error([4.0, 9.0, -1.0, 16.0]))
print(first_error([4.0, -1e-300]))
print(first_error([1.0, "x"]))
print(first_error([1.0, None]))
print(first_error([1.0, 10**400]))
print(first_error([1.0, -(10**400)]))
print(total([Half(), 1.0]))

# The name bound to something else: a user function, then a lambda, then
# math.sqrt again, each called by the same loop.
saved = sqrt


def sqrt(x):
    return x * 10


print(total([1.0, 2.0, 3.0]))
sqrt = lambda x: -x
print(total([1.0, 2.0, 3.0]))
sqrt = saved
print(total([1.0, 16.0]))
math.sqrt = abs
print(via_module([-2.0, 3.5]))
print(total([0.25]))
