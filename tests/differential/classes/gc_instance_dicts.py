"""Cycles through instance attributes: the collector frees them and runs
each `__del__` once, counting the instances it found unreachable (an
instance's attribute dict is part of the instance until Python code takes
it with `__dict__` or `vars()`, after which the dict is an object of its
own); a dict taken that way keeps what it holds alive, and is collected
when it ends up in a cycle of its own."""
import gc

deleted = []


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        deleted.append((self.name, self.other is not None))


def report(label, n):
    print(label, n, sorted(deleted))
    deleted.clear()


gc.disable()
gc.collect()

a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
report("two-cycle", gc.collect())

# the dict escapes through vars(): it keeps both nodes reachable
c = Node("c")
d = Node("d")
c.other = d
d.other = c
dd = vars(c)
del c, d
report("held by an escaped dict", gc.collect())
print(sorted(dd))
dd["self"] = dd
del dd
report("escaped dict in its own cycle", gc.collect())

# through __dict__: the instance is only reachable from its own dict
e = Node("e")
ed = e.__dict__
ed["loop"] = e
del e
report("dict still named", gc.collect())
print(ed["name"], ed["loop"].name)
del ed
report("dict released", gc.collect())

# a long chain of attribute cycles, some still referenced from outside
keep = []
for i in range(300):
    x = Node(f"x{i}")
    y = Node(f"y{i}")
    x.other = y
    y.other = x
    if i % 100 == 0:
        keep.append(x)
del x, y
n = gc.collect()
print("chain", n, len(deleted), sorted(name for name, _ in deleted)[:3])
deleted.clear()
print("kept", [k.name + "/" + k.other.name for k in keep])
keep.clear()
report("kept released", gc.collect())


class Plain:
    pass


# automatic collection keeps up with cycles made in a loop
gc.enable()
for i in range(100000):
    p = Plain()
    q = Plain()
    p.q = q
    q.p = p
del p, q
gc.collect()
print("done")
