"""Loops whose numbers the compiler keeps unboxed, left mid-loop in every
way: an i64 overflow, an int where a float was inferred, a float where an
int was, a zero divisor, NaN and -0.0, int subclasses and bools. Each must
continue with CPython's results, without repeating a side effect."""

import math


def overflow(n):
    k = 1
    total = 0
    out = []
    for i in range(n):
        out.append(i)
        k = k * 3
        total = total + k
        out.append(k.bit_length())
    return k, total, len(out), out[-4:]


def float_mix(n, start):
    acc = start
    x = 0.0
    for i in range(n):
        acc = acc * 0.5 + i
        x = x + acc / 3
    return acc, x


def divide(n, d0):
    x = 1000.0
    steps = []
    for i in range(n):
        d = d0 - i
        steps.append(i)
        x = x / d
    return x, steps


def signs(n):
    z = -0.0
    w = 1.0
    for i in range(n):
        z = z * 1.0
        w = w * -1.0
    nan = float("inf")
    for i in range(3):
        nan = nan - nan * 1.0
    return z, math.copysign(1.0, z), w, nan != nan, repr(nan)


def stepper(n, step):
    v = 0
    w = 0
    for i in range(n):
        v = v + step
        w = w + v * 2
    return v, w


class Loud(int):
    def __add__(self, other):
        return Loud(int(self) + int(other) + 100)

    def __mul__(self, other):
        return Loud(int(self) * int(other) - 1)


def with_subclass(n, seed):
    s = seed
    t = 0
    for i in range(n):
        s = s * 2
        t = t + s
    return type(s).__name__, s, t


def with_bools(n, flag):
    c = 0
    for i in range(n):
        c = c + flag
        c = c * 1
    return c, type(c).__name__


def while_big(limit):
    x = 1
    n = 0
    while x < limit:
        x = x * 7 + 1
        n = n + 1
    return n, x


def compare_exit(n, bound):
    hits = 0
    y = 0.0
    for i in range(n):
        y = y + 0.75
        if y > bound:
            hits = hits + 1
    return hits, y


print(overflow(5))
print(overflow(45))
print(overflow(100)[0] == 3 ** 100, overflow(100)[1] == sum(3 ** j for j in range(1, 101)))
print(float_mix(10, 1.0), float_mix(10, 1), float_mix(0, 2))
print(float_mix(6, 2 ** 80))
try:
    print(divide(10, 4))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(divide(3, 10.5))
print(signs(4), signs(0))
print(stepper(5, 1), stepper(5, 0.5), stepper(5, 2 ** 62), stepper(3, True))
try:
    stepper(3, "ab")
except TypeError as e:
    print("TypeError", e)
print(with_subclass(4, Loud(3)), with_subclass(4, 3), with_subclass(70, 1))
print(with_bools(5, True), with_bools(5, 2), with_bools(3, False))
print(while_big(10 ** 30), while_big(10), while_big(2.5e20))
print(compare_exit(10, 3), compare_exit(10, 2 ** 80), compare_exit(5, float("nan")))


class Bound:
    def __init__(self):
        self.asked = 0

    def __ge__(self, other):
        self.asked += 1
        return self.asked < 4


def count_up(limit):
    j = 0
    while j <= limit:
        j = j * 2 + 1
    return j


def guarded(items, scale):
    total = 0
    k = 1
    try:
        for x in items:
            k = k * 3
            total = total + x * scale
    except TypeError as e:
        return "TypeError", str(e), total, k.bit_length()
    finally:
        k = k + 1
    return total, k.bit_length()


print(guarded([1, 2, 3], 2), guarded(list(range(50)), 3), guarded([1, 2, "x", 4], 5), guarded([1, 2.5, None], 1))


def dot(xs, ys):
    s = 0.0
    for i in range(len(xs)):
        s = s + xs[i] * ys[i]
    return s


def products(rows):
    t = 0
    for r in rows:
        t = t + r[0] * r[1]
        r.append(t > r[0])
    return t, rows


print(dot([1.5, 2.0], [2.0, 4.0]), dot([1, 2], [3, 4]), dot([1.5, 2], [2, 0.5]), dot([2 ** 70, 1.0], [2, 3.0]))
print(products([[1, 2], [3, 4]]), products([[1.5, 2], [2, 2.5]]), products([[2 ** 40, 2 ** 40], [1, 1]]))
for bad in (lambda: dot(["a"], [3]), lambda: products([["ab", 2]]), lambda: dot([None], [1.0])):
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)


b = Bound()
print(count_up(9), count_up(2 ** 64), count_up(7.5), count_up(True), count_up(b), b.asked)
try:
    count_up("x")
except TypeError as e:
    print("TypeError", e)
