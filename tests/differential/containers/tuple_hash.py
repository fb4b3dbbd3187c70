# tuple hashing (xxHash-based), repr, methods, comparisons
def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3), -1)))
print(hash((0, 0)), hash((-1, -2)), hash((2**40, 5)), hash(((), ())))
print(hash(frozenset()), hash(frozenset({1, 2, 3})), hash(frozenset([-1, 5, 2**60])))
print(hash(range(5)), hash(range(0)), hash(range(3, 4)), hash(True), hash((True, False)))
print((1,), (), (1, 2), ((1,),))
t = (1, 2, 3, 2)
print(t[1:], t[::-1], t[-1], t.count(2), t.index(2), t.index(2, 2))
show("oob", lambda: t[10])
show("notin", lambda: t.index(9))
show("stridx", lambda: t["a"])
show("concat", lambda: t + [1])
print(t + (4,), t * 2, 2 * (1,), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) >= (1, 9))
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple({1: 2}))
d = {(1, 2): "a", (3,): "b"}
print(d[(1, 2)], (3,) in d, (4,) in d)
show("unhashable", lambda: hash((1, [2])))
