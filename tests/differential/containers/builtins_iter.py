# iteration builtins: enumerate, zip, map, filter, reversed, iter, next, min, max, sum, any, all, len
def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

print(list(enumerate("ab", start=5)), list(enumerate([])), list(enumerate(range(3), -1)))
print(list(zip([1, 2, 3], "xy")), list(zip()), list(zip([1], [2], [3])))
show("strict1", lambda: list(zip([1, 2, 3], [1, 2], strict=True)))
show("strict2", lambda: list(zip([1], [1], [1, 2], strict=True)))
show("strict3", lambda: list(zip([1, 2], [1], [1], strict=True)))
print(list(zip([1, 2], [3, 4], strict=True)))
print(list(map(max, [1, 5], [4, 2])), list(map(str, range(3))), list(map(lambda a, b: a + b, "ab", "cd")))
show("map1", lambda: map(len))
print(list(filter(None, [0, 1, "", "a", None, 2])), list(filter(lambda x: x % 2, range(7))))
print(list(reversed((1, 2, 3))), list(reversed([1, 2])), list(reversed("abc")))
show("notrev", lambda: reversed(1))
it = iter([7, 8])
print(next(it), next(it), next(it, "done"))
show("stop", lambda: next(it))
show("notiter", lambda: next([1]))
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)))
print(max([3, 9, 2]), min(3, 9, 2), max("abc"), min([], default=5), max([1, 2], key=lambda x: -x))
show("maxempty", lambda: max([]))
show("minempty", lambda: min(""))
show("maxnone", lambda: max())
show("maxdef", lambda: max(1, 2, default=0))
show("maxkw", lambda: min(1, 2, foo=3))
show("maxint", lambda: max(1))
print(max(["aa", "b", "cc"], key=len), min([(1, "b"), (1, "a")]))
print(sum([1, 2, 3]), sum([0.1] * 10), sum([1.5, 2, 3]), sum([[1], [2]], []), sum(range(101), start=10))
print(sum([1e100, 1.0, -1e100, 1.0]), sum([True, True, 3]), sum([], 0.0), sum((x / 10 for x in range(10))))
show("sumstr", lambda: sum(["a"], ""))
show("sumargs", lambda: sum([1], 2, 3))
print(any([0, 0, 3]), any([]), all([1, 0]), all([]), any(x > 3 for x in range(5)), all("abc"))
show("anyint", lambda: any(1))
print(len([1]), len("héllo"), len({1: 2}), len(range(10)), len(set()), len((1, 2)))
show("len", lambda: len(5))
a, b = [1, 2]
first, *rest = range(5)
*init, last = "abc"
print(a, b, first, rest, init, last)
show("many", lambda: [x for x, y in [(1, 2, 3)]])
show("few", lambda: [x for x, y, z in [(1, 2)]])
