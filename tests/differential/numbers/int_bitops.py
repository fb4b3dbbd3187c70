"""Bitwise ops, shifts, floor division and modulo on ints in loops, where
release builds compute them unboxed (with guards that fall back to the
generic operators): results past 48 and 64 bits, negative operands and
divisors, zero divisors, negative and huge shift counts, bools, big ints,
floats and strs next to ints, and the in-place forms."""


def lcg(seed, n):
    state = seed
    out = 0
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out ^= (state >> 8) % 1000
    return state, out


def mixes(n):
    acc = 0
    for i in range(n):
        a = i * 2654435761
        acc ^= a & 0xFFFFFFFFFFFF
        acc |= (a >> 17) & 0xFF
        acc = (acc << 3) & ((1 << 62) - 1)
        acc -= i % 7
    return acc


def signs():
    out = []
    for x in [-17, -1, 0, 1, 17, 2**47 - 1, -2**47, 2**62, -2**63, 2**64 + 5]:
        for y in [-5, -1, 1, 3, 64]:
            out.append((x // y, x % y, x & y, x | y, x ^ y))
    return out


def shifts():
    out = []
    for x in [1, -1, 3, -3, 2**46, -2**46, 2**62, 12345678901]:
        for k in [0, 1, 17, 47, 48, 62, 63, 64, 100]:
            out.append((x << k, x >> k))
    for k in [-1, -64]:
        for op in ("<<", ">>"):
            try:
                print(eval_shift(5, k, op))
            except ValueError as e:
                out.append(("ValueError", op, str(e)))
    return out


def eval_shift(x, k, op):
    return x << k if op == "<<" else x >> k


def zero_divisors():
    out = []
    for d in [2, 1, 0, -2]:
        try:
            out.append(100 // d)
            out.append(100 % d)
        except ZeroDivisionError as e:
            out.append(("ZeroDivisionError", str(e)))
    return out


def mixed_types():
    out = []
    vals = [7, True, 2.5, 10**20, -(10**20)]
    for x in vals:
        for y in [3, 2, True]:
            r = []
            for op in ("&", "//", "%", ">>"):
                try:
                    if op == "&":
                        r.append(x & y)
                    elif op == "//":
                        r.append(x // y)
                    elif op == "%":
                        r.append(x % y)
                    else:
                        r.append(x >> y)
                except TypeError as e:
                    r.append(type(e).__name__)
            out.append(r)
    s = ""
    for i in range(3):
        s += "%d-" % i
        s += "%s|" % (i % 2)
    out.append(s)
    return out


def in_place(n):
    a, b, c, d, e, f, g = 0, -1, 1, 1 << 40, 1000003, 5, 3
    for i in range(1, n):
        a |= i
        b &= ~i
        c ^= i * i
        d >>= 1
        e %= (i + 1)
        e += i * 31
        f <<= 1
        f &= 0xFFFF
        g //= 2
        g += i
    return a, b, c, d, e, f, g


def bools_and_bits(n):
    flags = 0
    count = 0
    for i in range(n):
        flags ^= 1 << (i % 60)
        if flags & (1 << (i % 13)):
            count += 1
    return flags, count, bool(flags & 1), (flags > 0) & (count > 0)


print(lcg(42, 100000))
print(mixes(50000))
print(signs())
print(shifts())
print(zero_divisors())
print(mixed_types())
print(in_place(200))
print(bools_and_bits(1000))
