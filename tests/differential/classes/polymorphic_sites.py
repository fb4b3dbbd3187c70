# Attribute loads, stores and method calls at sites that see many classes
# (more than compiled code checks inline), with __slots__ and instance-dict
# layouts mixed, instance attributes shadowing methods, and classes changed
# while their instances are in use: the per-site caches must give exactly
# CPython's answers.

class Base:
    kind = "base"

    def __init__(self, n):
        self.n = n
        self.hits = 0

    def step(self):
        return self.n


class A(Base):
    def step(self):
        return self.n * 2


class B(Base):
    kind = "b"


class C(A):
    def step(self):
        return super().step() + 1


class D(Base):
    def step(self):
        return -self.n


class S:
    __slots__ = ("n", "hits")

    def __init__(self, n):
        self.n = n
        self.hits = 0

    def step(self):
        return self.n + 100


class E(Base):
    pass


objs = [Base(1), A(2), B(3), C(4), D(5), S(6), E(7)]


def run(objs, rounds):
    total = 0
    for _ in range(rounds):
        for o in objs:
            total += o.step()
            o.hits += 1
            total += o.n
    return total


print(run(objs, 3))
print([o.hits for o in objs])

# An instance attribute shadows the method on one object only.
objs[2].step = lambda: 1000
print(run(objs, 2))

# A method replaced on a class (and a base) while sites hold cache entries.
A.step = lambda self: 7
print(run(objs, 2))
Base.step = lambda self: 3
print(run(objs, 2))
del A.step
print(run(objs, 1))

# A class attribute becomes a data descriptor: loads go through it.
def get_n(self):
    return 50


E.n = property(get_n, lambda self, v: None)
print(run(objs, 2), objs[6].n, objs[6].__dict__)
del E.n
print(run(objs, 1), objs[6].n)

# __class__ assignment moves an object between layouts.
o = objs[0]
o.__class__ = D
print(run(objs, 1), type(o).__name__)

for o in objs:
    try:
        o.missing
    except AttributeError as e:
        print("AttributeError", e)
s = objs[5]
del s.hits
try:
    s.hits
except AttributeError as e:
    print("AttributeError", e)
print([getattr(o, "kind", None) for o in objs])
