# Indexing and item stores of exact lists and tuples, which compiled code
# does inline (native and wasm): the new reference of a load, the release of
# the overwritten item, negative and out-of-range indices, subclasses and
# non-int indices (which go through the runtime).

class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


lst = [D(0), D(1), D(2)]
lst[0] = D(3)          # frees D(0)
print("stored")
x = lst[1]
lst[1] = 5             # D(1) is still referenced by x
print("replaced")
del x                  # frees D(1)
print("dropped")
t = (D(4), D(5))
y = t[-1]
del t                  # frees D(4) only
print("tuple gone")
del y
lst[-1] = lst[-1]      # the same object stored back survives
print("self-store", lst[2].n)
lst[2] = None
print("cleared")
lst = None
print("list gone")

a = [1, "x", 3.5, None, [2]]
t = (4, "y", (5,))
print(a[0], a[1], a[-1], t[2], t[-3], a[-5])
a[1] = "z"
a[-1] = 7
print(a)


def attempt(exc, action):
    try:
        action()
    except exc as e:
        print(exc.__name__, e)


def store(seq, key, value):
    seq[key] = value


for bad in (5, -6, 2**50, -2**60):
    attempt(IndexError, lambda: a[bad])
    attempt(IndexError, lambda: store(a, bad, 0))
    attempt(IndexError, lambda: t[bad])
for key in (1.0, "1", None):
    attempt(TypeError, lambda: a[key])
    attempt(TypeError, lambda: store(t, key, 1))
print(a[True], a[False], t[True])
a[True] = "one"
print(a)


class L(list):
    def __getitem__(self, i):
        return ("L", super().__getitem__(i))

    def __setitem__(self, i, v):
        super().__setitem__(i, v * 2)


class T(tuple):
    pass


l = L([1, 2])
print(l[1])
l[0] = 9
print(list(l), T((7, 8))[-1])
print(a[1:3], t[::-1], a[-2:])
nested = [[i * 3 + j for j in range(3)] for i in range(3)]
total = 0
for i in range(3):
    for j in range(3):
        nested[i][j] = nested[j][i] + nested[i][j]
        total += nested[i][j]
print(nested, total)
