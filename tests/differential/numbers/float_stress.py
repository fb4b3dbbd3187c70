"""Deterministic pseudo-random doubles (from an LCG over their bit patterns)
through repr, exact formatting, round, hash, as_integer_ratio, hex and
int/float conversions — a stress test of shortest-repr and correctly
rounded decimal conversion."""
import struct

state = 0x2545F4914F6CDD1D


def next_bits():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    return state


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


checksum = 0
for i in range(400):
    b = next_bits()
    if i % 4 == 0:
        # moderate exponents: clear most exponent bits
        b = (b & 0x800FFFFFFFFFFFFF) | ((1023 + (b >> 52) % 80 - 40) << 52)
    x = from_bits(b)
    if x != x or x in (float("inf"), float("-inf")):
        continue
    r = repr(x)
    assert float(r) == x
    line = [r, f"{x:.17g}", f"{x:.3e}", f"{x:.5g}", f"{x:#.4g}", str(round(x, 2)), str(hash(x))]
    if abs(x) < 1e30:
        line.append(f"{x:.6f}")
        line.append(str(int(x)))
    if i % 10 == 0:
        line.append(x.hex())
        n, d = x.as_integer_ratio()
        line.append(str(n % 1000003) + "/" + str(d.bit_length()))
    print(" ".join(line))
    checksum = (checksum * 31 + hash(x)) % 1000000007
print("checksum", checksum)
for k in range(-30, 31):
    v = 1.5 * 10.0 ** k
    print(k, repr(v), f"{v:g}", f"{v:e}", round(v, -k if k < 20 else 0), repr(v / 3))
for n in [0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, 0.045, 1e22, 5e-324, 2.2250738585072014e-308]:
    print(repr(n), f"{n:.0f}", f"{n:.1f}", f"{n:.2f}", f"{n:.2e}", round(n, 1), round(n, 2), round(n))
