# sort / sorted: stability, key, reverse, errors
def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

a = [5, 3, 9, 1, 3, 7]
a.sort()
print(a)
big = [(i * 7919) % 503 for i in range(500)]
print(sorted(big) == sorted(big, key=lambda x: x), sorted(big)[:10], sorted(big)[-5:])
words = ["bb", "a", "cc", "d", "eee", "ff"]
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, reverse=True))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "y")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs))
mixed = [3, "a", 1]
show("mixed", lambda: mixed.sort())
print(len(mixed))
show("mixed2", lambda: sorted([1, None]))
show("noargs", lambda: sorted())
show("pos", lambda: [1].sort(1))
show("kw", lambda: [1].sort(foo=1))
print(sorted([2.5, -1.0, 0.5]), sorted([True, False, 2]))
print(sorted("hello"), sorted({3: 1, 1: 2}))

class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return "R%d" % self.v

print(sorted([Rev(1), Rev(3), Rev(2)]))
print(max([Rev(1), Rev(3), Rev(2)]), min([Rev(1), Rev(3), Rev(2)]))
lst = list(range(20, 0, -1))
lst.sort(key=lambda x: x % 3)
print(lst)

def bad_key(x):
    if x == 3:
        raise ValueError("boom")
    return x

b = [5, 4, 3, 2]
show("keyerr", lambda: b.sort(key=bad_key))
print(b)
