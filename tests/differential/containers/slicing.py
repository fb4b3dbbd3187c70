# slice objects, range objects, str/tuple/list slicing
def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

s = slice(1, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(1, 2, 3))
print(slice(None, None, -1).indices(5), slice(-100, 100, 3).indices(7), slice(2, -1).indices(4))
show("zero", lambda: slice(None, None, 0).indices(3))
show("neg", lambda: slice(1).indices(-1))
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3))
r = range(0, 10, 3)
print(r, len(r), r[-1], r[::-1], r[1:], list(r), 6 in r, 7 in r, r.index(9), r.count(3))
show("rindex", lambda: r.index(4))
show("rzero", lambda: range(1, 2, 0))
show("roob", lambda: r[10])
print(list(reversed(range(5))), range(0) == range(5, 2), range(1, 2) == range(1, 5, 10))
print(range(5), range(2, 5), range(10, 0, -2), list(range(10, 0, -2)))
print(range(3)[1], range(-5, 5)[::2], bool(range(0)), bool(range(1)))
data = list(range(20))
for sl in [slice(None), slice(3, 15, 4), slice(-3, None), slice(None, -15, -1), slice(50, 60), slice(15, 3, -5)]:
    print(sl, data[sl], tuple(data)[sl], "abcdefghijklmnopqrst"[sl])
