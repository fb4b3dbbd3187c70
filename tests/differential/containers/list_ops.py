# list operations: indexing, slicing, methods, operators, errors
def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

a = [1, 2, 3, 4, 5]
show("idx", lambda: a[-1])
show("oob", lambda: a[5])
show("stridx", lambda: a["x"])
show("slice", lambda: a[1:4])
show("rev", lambda: a[::-2])
show("wide", lambda: a[-100:100:3])
show("step0", lambda: a[::0])
b = list(range(10))
b[2:5] = [20]
print(b)
b[0:0] = (-2, -1)
print(b)
b[::3] = [9, 9, 9, 9]
print(b)
show("extslice", lambda: b.__setitem__(slice(None, None, 2), [1]))
show("notiter", lambda: b.__setitem__(slice(0, 1), 5))
del b[::-2]
print(b)
del b[1:3]
print(b)
b[:] = b
print(b)
b[1:1] = b
print(b)
c = []
show("pop", lambda: c.pop())
show("popidx", lambda: a.pop(10))
show("remove", lambda: a.remove(10))
show("index", lambda: a.index(10))
show("index2", lambda: a.index(4, -3))
show("index3", lambda: a.index(1, 1))
show("count", lambda: [1, 2, 1, 1].count(1))
d = [1, 2]
print(d + [3], d * 2, -1 * d, 3 * d)
show("concat", lambda: d + (3,))
show("mulf", lambda: d * 2.0)
d += (7,)
print(d)
d *= 2
print(d)
d.insert(-100, 0)
d.insert(100, 9)
print(d)
d.extend(range(3))
d.reverse()
print(d, d.copy())
d.clear()
print(d)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [1, 2] == [1, 2], [] == [], [2] > [1, 9])
show("cmp", lambda: [1] < (1,))
r = [1]
r.append(r)
print(r)
print(3 in [1, 2, 3], 2.0 in [1, 2, 3], "a" in ["b"])
print(list("abc"), list((1, 2)), list({3: 4}), list(range(3)))
m = [[0] * 3 for _ in range(2)]
m[0][1] = 5
print(m)
x = [5, 6, 7]
x[-1] = 70
del x[0]
print(x, len(x))
print(repr([]), str([1, "a", None, 2.5]))
