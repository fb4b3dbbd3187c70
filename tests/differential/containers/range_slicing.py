# range indexing and slicing in full precision: bounds past 64 bits, huge
# slice bounds that only clamp, negative steps, __index__, and the errors.
r = range(0, 10**30, 7)
print(r[10**20], r[-10**20], r[5:-5:3][:2], r[::-1][:3], r[10**40:], r[-10**40:3])
try:
    r[10**40]
except IndexError as e:
    print("IndexError", e)
try:
    r["a":]
except TypeError as e:
    print("TypeError", e)
try:
    r[::0]
except ValueError as e:
    print("ValueError", e)
s = range(10)
print(s[2:8:2], s[::-2], s[-3:], s[:-20], s[100:], list(s[1:9:3]), s[True], s[-1])
class I:
    def __index__(self): return 2
print(s[I()], s[I():], range(5, -5, -2)[1:3])
