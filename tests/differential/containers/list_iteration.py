"""List iterators: `for` loops and explicit next() over lists that change
while they are iterated, list subclasses, exhausted iterators, and items
that are heap objects (reference counts). Compiled code takes an inline
path for list iterators; every case here must match CPython."""


class Tracked:
    alive = 0

    def __init__(self, name):
        self.name = name
        Tracked.alive += 1

    def __del__(self):
        Tracked.alive -= 1

    def __repr__(self):
        return f"T({self.name})"


class MyList(list):
    def __iter__(self):
        print("MyList.__iter__")
        return super().__iter__()


def grow_while_iterating():
    xs = [1, 2, 3]
    seen = []
    for x in xs:
        seen.append(x)
        if x < 6:
            xs.append(x + 3)
    return seen, xs


def shrink_while_iterating():
    xs = list(range(10))
    seen = []
    for x in xs:
        seen.append(x)
        if xs:
            xs.pop()
    return seen, xs


def remove_current():
    xs = [1, 2, 2, 3, 4, 4, 5]
    for x in xs:
        if x % 2 == 0:
            xs.remove(x)
    return xs


def clear_midway():
    xs = ["a", "b", "c", "d"]
    seen = []
    for x in xs:
        seen.append(x)
        if x == "b":
            xs.clear()
    return seen


def exhausted_stays_exhausted():
    xs = [1, 2]
    it = iter(xs)
    out = [next(it), next(it), next(it, "end")]
    xs.append(3)
    out.append(next(it, "still end"))
    out.append(list(it))
    return out


def partly_consumed():
    xs = [10, 20, 30, 40, 50]
    it = iter(xs)
    first = next(it)
    rest = []
    for x in it:
        rest.append(x)
        if x == 30:
            break
    return first, rest, list(it)


def nested_same_list():
    xs = [1, 2, 3]
    pairs = []
    for a in xs:
        for b in xs:
            if a < b:
                pairs.append((a, b))
    return pairs


def heap_items():
    items = [Tracked(i) for i in range(5)]
    names = []
    for t in items:
        names.append(t.name)
    del t
    # `items` still holds them (a local keeps its value until rebound).
    before = Tracked.alive
    items = None
    return names, before, Tracked.alive


def list_dropped_during_loop():
    xs = [Tracked("x"), Tracked("y"), Tracked("z")]
    out = []
    for t in xs:
        out.append(repr(t))
        xs = None
    del t
    return out, Tracked.alive


def subclass_and_other_iterables():
    out = []
    for x in MyList([7, 8]):
        out.append(x)
    for x in (1, 2):
        out.append(x)
    for c in "hi":
        out.append(c)
    for k in {"k1": 1, "k2": 2}:
        out.append(k)
    for x in reversed([5, 6]):
        out.append(x)
    return out


def unpacking_items():
    pairs = [(1, "one"), (2, "two"), [3, "three"]]
    out = []
    for n, word in pairs:
        out.append(f"{n}={word}")
    total = 0
    for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
        total += a * b - c
    return out, total


def many_items():
    xs = [i * i for i in range(100000)]
    s = 0
    for x in xs:
        s += x
    floats = [i / 4 for i in range(1000)]
    f = 0.0
    for x in floats:
        f += x
    return s, f


def generator_over_list():
    xs = [3, 1, 2]
    g = (x * 2 for x in xs)
    xs.append(9)
    return list(g), sum(x for x in xs), max(xs), sorted(xs)


def loop_else_and_break():
    out = []
    for x in [1, 2, 3]:
        if x == 5:
            break
    else:
        out.append("no break")
    for x in [1, 2, 3]:
        if x == 2:
            out.append("break at 2")
            break
    else:
        out.append("unreachable")
    for x in []:
        out.append("never")
    else:
        out.append("empty else")
    return out


def raising_inside():
    xs = [1, 2, 0, 4]
    out = []
    try:
        for x in xs:
            out.append(10 // x)
    except ZeroDivisionError as e:
        out.append(type(e).__name__)
    it = iter(xs)
    for x in it:
        try:
            out.append(10 // x)
        except ZeroDivisionError:
            out.append("skip")
    return out


print(grow_while_iterating())
print(shrink_while_iterating())
print(remove_current())
print(clear_midway())
print(exhausted_stays_exhausted())
print(partly_consumed())
print(nested_same_list())
print(heap_items())
print(list_dropped_during_loop())
print(subclass_and_other_iterables())
print(unpacking_items())
print(many_items())
print(generator_over_list())
print(loop_else_and_break())
print(raising_inside())
