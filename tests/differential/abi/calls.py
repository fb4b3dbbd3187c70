# ABI smoke: calls with every argument form, closures, methods, recursion.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=8, d=9))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))
print(f(a=1, c=2))

def pos_only(a, b, /, c):
    return a + b + c

print(pos_only(1, 2, c=3), pos_only(1, 2, 3))

def make_counter():
    n = 0
    def inc(k=1):
        nonlocal n
        n += k
        return n
    return inc

c = make_counter()
print(c(), c(), c(10))

class P:
    def __init__(self, x):
        self.x = x
    def m(self, y, *rest, **kw):
        return self.x + y + sum(rest) + sum(kw.values())
    @staticmethod
    def s(a):
        return a * 2
    @classmethod
    def k(cls, a):
        return cls.__name__ + str(a)

p = P(10)
print(p.m(1), p.m(1, 2, 3, z=4), P.m(p, 5), P.s(3), p.s(4), P.k(1), p.k(2))
bound = p.m
print(bound(100), list(map(P.s, [1, 2, 3])))
print((lambda *a, **k: (a, k))(1, 2, x=3))

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)])
print(sorted([3, 1, 2], key=lambda v: -v), max([1, 5, 2], key=str), min("bca"))

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)

print(deep(500))
try:
    f()
except TypeError as e:
    print("TypeError", e)
try:
    f(1, 2, c=3, a=4)
except TypeError as e:
    print("TypeError", e)
