# ABI smoke: values of every kind cross the runtime boundary unchanged.
import sys

values = [None, True, False, 0, 1, -1, 140737488355327, -140737488355328, 140737488355328,
          2**64 + 1, -(2**100), 0.0, -0.0, 1.5, float("inf"), float("-inf"), 1e300, 5e-324,
          3j, 1 + 2j, "", "abc", "héllo", "日本", "\U0001F600", b"", b"\x00\xff", (), (1,), [1, [2]],
          {"a": 1}, {1, 2}, frozenset([3]), range(3), ..., NotImplemented, slice(1, 2), bytearray(b"xy")]
for v in values:
    print(type(v).__name__, repr(v))
print(float("nan") != float("nan"), repr(float("nan")), repr(-float("nan")))
print(hash(1) == hash(1.0), hash("a") == hash("a"), 1 == 1.0, True == 1)
print(sys.maxsize > 2**31, 2**47 - 1 + 1, -(2**47) - 1, (2**47) * 2, (2**47 - 1) * (2**47 - 1))
print(int("123456789012345678901234567890") // 7, int("-99") % 10, 7 ** 30, (-7) ** 31)
x = 1
for i in range(70):
    x = x * 3 + 1
print(x, x.bit_length(), x >> 50, x & 0xFFFF, -x >> 3)
print(round(2.675, 2), 10 / 4, 7 // -2, -7 % 3, divmod(-17, 5), divmod(17.5, -4))
