# math.sumprod: exact for ints, one rounding for floats, errors as CPython.
import math
from fractions import Fraction

print(math.sumprod([1, 2, 3], [4, 5, 6]))
print(math.sumprod([10**20, -3], [10**20, 7]))
print(math.sumprod([], []))
print(math.sumprod([0.1, 0.2, 0.3], [1.0, 1.0, 1.0]))
print(math.sumprod([1e16, 1.0, -1e16], [1.0, 1.0, 1.0]))
print(math.sumprod([0.1] * 10, [0.1] * 10))
print(math.sumprod([1.5, 2], [2, 3]))
print(math.sumprod([2, 3], [0.5, 0.25]))
print(math.sumprod((x / 7 for x in range(10)), (y / 3 for y in range(10))))
print(math.sumprod([1e308, 1e308], [10.0, -10.0]))
print(math.sumprod([float('inf'), 1.0], [1.0, 2.0]))
print(math.sumprod([Fraction(1, 3), Fraction(1, 6)], [3, 6]))
print(math.sumprod([True, False, True], [5, 6, 7]))
print(math.sumprod([1.0, 2.0], [3, 4]), type(math.sumprod([1, 2], [3, 4])).__name__)
try:
    math.sumprod([1, 2], [3])
except ValueError as e:
    print('ValueError', e)
try:
    math.sumprod([1, 'a'], [3, 4])
except TypeError as e:
    print('TypeError', e)
