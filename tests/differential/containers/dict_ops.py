# dict methods, views, ordering, errors
def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

d = dict([(1, 10), (2, 20)])
print(d, d.get(3, 0), d.get(1), d.setdefault(3, 30), d)
print(d.pop(1), d.popitem(), d)
show("pop", lambda: {}.pop(1))
show("popitem", lambda: {}.popitem())
show("key", lambda: {}["k"])
show("len3", lambda: dict([(1, 2, 3)]))
show("notseq", lambda: dict([1]))
show("int", lambda: dict(1))
show("two", lambda: dict({}, {}))
show("or", lambda: {} | [])
k = dict(a=1, b=2)
print(k, k.keys(), k.values(), k.items())
print(k.keys() & ["a", "z"], sorted(k.keys() | ["c"]), k.keys() - ["a"], sorted(k.keys() ^ ["a", "q"]))
print(k.keys() == {"a", "b"}, k.items() == {("a", 1), ("b", 2)}, ("a", 1) in k.items(), "a" in k.keys())
print(list(reversed(k)), list(reversed(k.values())), list(reversed(k.items())))
print(k | {"a": 9}, {"z": 0} | k)
k |= [("c", 3)]
print(k)
print(dict.fromkeys([1, 2]), dict.fromkeys("ab", 0))
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 2} != {2: 1})
show("lt", lambda: {} < {})
it = iter(k)
next(it)
k["new"] = 1
show("changed", lambda: next(it))
r = {}
r[1] = r
print(r)
e = {}
e.update({1: 2}, x=3)
e.update([(4, 5)])
print(e)
class Missing(dict):
    def __missing__(self, key):
        return key * 2
mm = Missing(a=1)
print(mm["a"], mm["zz"], mm)
o = {}
for w in "the quick brown the lazy the quick".split():
    o[w] = o.get(w, 0) + 1
print(o, sorted(o.items(), key=lambda kv: -kv[1]))
del o["the"]
o["the"] = 0
print(list(o))
print(len(o), "lazy" in o, "nope" in o)
x = {i: i * i for i in range(6)}
for key in list(x):
    if key % 2:
        del x[key]
print(x, x.copy(), x.copy() is x)
x.clear()
print(x)
