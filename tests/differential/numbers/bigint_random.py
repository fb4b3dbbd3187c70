"""Big-int arithmetic on pseudo-random operands of 1 to 40 limbs (32-bit
words), mixed signs, and limbs near 0, 2**31 and 2**32 - 1, which drive the
quotient-digit corrections of long division. Each result is folded into a
checksum; a sample of results is printed in full."""

state = 12345


def rand(bits):
    global state
    out = 0
    while bits > 0:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out = (out << 32) | (state >> 32)
        bits -= 32
    return out


def special(words):
    # Limbs drawn from edge values: 0, 1, 2**31, 2**31 - 1, 2**32 - 1.
    edges = (0, 1, 1 << 31, (1 << 31) - 1, (1 << 32) - 1)
    out = 0
    for _ in range(words):
        out = (out << 32) | edges[rand(32) % len(edges)]
    return out


def operand(i):
    words = 1 + rand(32) % 40
    x = special(words) if i % 3 == 0 else rand(32 * words) >> (rand(32) % 31)
    return -x if rand(32) & 1 else x


check = 0
M = (1 << 61) - 1
for i in range(600):
    a = operand(i)
    b = operand(i + 1)
    s = a + b
    d = a - b
    p = a * b
    check = (check * 31 + s % M + d % M * 3 + p % M * 7) % M
    if b != 0:
        q, r = divmod(a, b)
        assert q * b + r == a, (a, b)
        assert (r == 0) or ((r < 0) == (b < 0)), (a, b)
        assert abs(r) < abs(b)
        check = (check * 31 + q % M + r % M * 5) % M
        if i % 100 == 0:
            print(i, q, r)
    assert s - b == a and d + b == a
    if a != 0:
        assert p // a == b and p % a == 0
    if i % 150 == 0:
        print(i, s, d, p)
print("checksum", check)

# Division where the estimated quotient digit is 2 too large (add-back).
n = (1 << 127) + 3
for m in ((1 << 95) + 1, (1 << 64) - 1, (0xFFFFFFFF << 64) | 0xFFFFFFFF, 0x8000_0000_0000_0001, 0x7FFF_FFFF_8000_0000_0000_0001):
    print(divmod(n, m), divmod(-n, m), divmod(n * n + m, m), (n * m - 1) // m)
