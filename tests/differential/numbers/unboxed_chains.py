"""Chains of int and float ops whose intermediates leave the 48-bit small-int
range (kept unboxed between ops by thread-unbox), comparisons of such ints
with floats near 2**53 (exact in Python), and compare-and-branch chains."""


def lcg(state, n):
    out = []
    for _ in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        out.append(state >> 40)
    return state, out


def mixed(a):
    x = a * 3
    return x < 9007199254740993.0, x > 9007199254740992.0, x == 9007199254740992.0, x + 0.5


def ramp(n):
    out = []
    for i in range(n):
        x = i * 3002399751580331 + 1
        out.append((x > 9007199254740992.0, x == 9007199254740992.0, x <= 9007199254740994.0))
    return out


def overflow_chain(a, b):
    t = (a * 1103515245 + 12345) * 4194305
    u = t * t - a
    return t > 4.5e18, t == 4.728779608739021e+18, t * 1.0, u, u // 7, u % 1000003


def classify(v):
    if v < 2:
        return "small"
    if v > 10 ** 20:
        return "huge"
    return "mid"


def floats(xs):
    acc = 0.0
    for x in xs:
        acc = (acc * 0.5 + x) * 1.25 - x / 3
    return acc


print(lcg(2024, 6))
print(mixed(3002399751580331), mixed(5))
print(ramp(4))
print(overflow_chain(1000000, 7), overflow_chain(2 ** 40, 3), overflow_chain(-(2 ** 46), 1))
print([classify(v) for v in (0, 1, 2, 3, 10 ** 21, 2 ** 47, -5, True, 1.5)])
print(floats([1, 2.5, 3, -4, 2 ** 60]))
