# __slots__: every value (including the float +0.0 and None) is stored and
# read back; unset and deleted slots raise AttributeError; subclasses add
# slots or a __dict__.


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __repr__(self):
        return f"Vec({self.x!r}, {self.y!r}, {self.z!r})"


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction


zero = Vec(0.0, -0.0, 0)
print(zero, zero.x, zero.y, zero.z)
r = Ray(Vec(0.0, 0.3, -1.0), None)
print(r.origin - Vec(0.0, 1.0, 2.0), r.direction)


class P:
    __slots__ = ("a", "b")


p = P()
for name in ("a", "b"):
    try:
        getattr(p, name)
    except AttributeError as e:
        print("unset:", e)
p.a = 0.0
print(p.a, hasattr(p, "b"))
del p.a
try:
    p.a
except AttributeError as e:
    print("deleted:", e)
try:
    del p.a
except AttributeError as e:
    print("delete again:", e)
try:
    p.c = 1
except AttributeError as e:
    print("no slot:", e)
print(hasattr(p, "__dict__"))


class Q(P):
    __slots__ = ("c",)


q = Q()
q.a, q.c = 0.0, 1.5
print(q.a, q.c, hasattr(q, "b"))


class D(P):
    pass


d = D()
d.b = 0.0
d.extra = 2
print(d.b, d.extra, d.__dict__)
