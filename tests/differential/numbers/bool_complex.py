"""bool as an int subclass and complex basics."""
print(True + 1, True * 3, True / 2, -True, True << 3, True & False, True | 0, True ^ True, False - True)
print(repr(True), str(False), int(True), float(False), hash(True), True == 1, False == 0.0, isinstance(True, int))
print(bool(0), bool(3), bool(""), bool("x"), bool([]), bool(0.0), bool(-0.0), bool(1j))
print(sum([True, True, False]), max(True, 2), True > False, round(True), f"{True:d}", f"{True}", f"{False:>6}")
c = complex(1, 2)
d = 3 - 4j
print(c, d, c + d, c - d, c * d, c / d, c ** 2, abs(d), c.conjugate(), c.real, c.imag)
print(complex(), complex(1.5), complex("1+2j"), complex("-3.5j"), complex(2, -0.0), 1j * 1j, (1 + 1j) ** 0)
print(c == complex(1, 2), c != d, 1 + 0j == 1, 2j == 2, hash(1 + 0j) == hash(1), repr(-0.0 + 0j), repr(complex(-0.0, -1)))
print(complex(1e16, 1), complex(float("inf"), float("nan")), 1 / (1 + 1j), (2 + 3j) * 2, 2 - 1j + 1.5)
try:
    print(c / 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(c < d)
except TypeError as e:
    print(type(e).__name__, e)
