"""collections: deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap and their errors."""
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
import collections.abc as cabc


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


d = deque([1, 2, 3])
d.appendleft(0)
d.extend([4, 5])
d.extendleft("ab")
print(d, len(d), d[0], d[-1], d[3], 3 in d, 9 in d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d, d.popleft(), d.pop(), d)
d[1] = "X"
del d[0]
print(d, d.index(3), d.count(3), list(reversed(d)))
d.insert(1, "ins")
d.remove("ins")
print(d, d == deque(d), d != deque(), deque([1, 2]) < deque([1, 3]))
b = deque(range(10), maxlen=3)
print(b, b.maxlen)
b.appendleft(-1)
print(b)
b.extend([100, 200])
print(b, b + deque([7]), b * 2)
attempt("insert full", lambda: b.insert(0, 1))
attempt("pop empty", lambda: deque().pop())
attempt("popleft empty", lambda: deque().popleft())
attempt("index range", lambda: deque([1])[5])
attempt("index missing", lambda: deque([1]).index(7))
attempt("remove missing", lambda: deque([1]).remove(7))
attempt("maxlen neg", lambda: deque([], -1))
attempt("hash", lambda: type(deque().__hash__).__name__)
big = deque()
for i in range(1000):
    big.append(i)
    big.appendleft(-i)
for i in range(900):
    big.popleft()
print(len(big), big[0], big[-1], sum(big))
c = deque([1, 2])
c += [3]
c *= 2
print(c, deque(), deque(maxlen=0), bool(deque()), c.copy())

dd = defaultdict(list)
dd["a"].append(1)
dd["b"]
print(dd, dd["a"], len(dd), dd.default_factory)
print(defaultdict(None, {"x": 1}), repr(defaultdict(int)))
attempt("missing no factory", lambda: defaultdict()["k"])
attempt("bad factory", lambda: defaultdict(5))
ddc = dd.copy()
ddc["z"].append(9)
print(type(ddc).__name__, sorted(ddc), sorted(dd), isinstance(dd, dict))
print(dd | {"q": 1})

c = Counter("abracadabra")
print(c, c.most_common(3), c["z"], c.total())
c.update("aaz")
c.subtract({"a": 10, "q": 1})
print(c, +c, -c)
print(sorted(Counter(a=3, b=1).elements()))
x, y = Counter(a=3, b=1, c=2), Counter(a=1, b=2, d=4)
print(x + y, x - y, x | y, x & y)
print(x == Counter(a=3, b=1, c=2, e=0), x <= x + y, Counter() == Counter(a=0))
x += y
print(x)
print(Counter({"b": 2, "a": 2, "c": 5}).most_common(), Counter())
attempt("fromkeys", lambda: Counter.fromkeys("ab"))
del c["not-there"]
print(Counter(cats=4, dogs=8).most_common(1), Counter([1, 1, 2]).most_common(0))

od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
od.move_to_end("d", last=False)
print(od, list(od.keys()))
print(od.popitem(), od.popitem(last=False), od)
attempt("move missing", lambda: od.move_to_end("zz"))
attempt("popitem empty", lambda: OrderedDict().popitem())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
print(OrderedDict(), OrderedDict([(1, 2)]) | {3: 4}, list(reversed(OrderedDict(a=1, b=2))))

P = namedtuple("P", "x, y")
p = P(1, y=2)
print(p, p.x, p[1], P._fields, p._asdict(), p._replace(x=5), P._make([3, 4]), tuple(p))
print(isinstance(p, tuple), p == (1, 2), hash(p) == hash((1, 2)), P.__name__, len(p))
x1, y1 = p
print(x1, y1, P.x.__doc__)
R = namedtuple("R", ["a", "b", "c"], defaults=[10, 20])
print(R(1), R(1, 2), R(1, c=3), R._field_defaults)
attempt("missing", lambda: P(1))
attempt("missing2", lambda: R())
attempt("too many", lambda: P(1, 2, 3))
attempt("too many defaults", lambda: R(1, 2, 3, 4))
attempt("unexpected kw", lambda: P(1, 2, z=3))
attempt("multiple", lambda: P(1, x=3))
attempt("make", lambda: P._make([1]))
attempt("replace", lambda: p._replace(z=1))
attempt("keyword", lambda: namedtuple("X", "a for"))
attempt("underscore", lambda: namedtuple("X", "a _b"))
attempt("dup", lambda: namedtuple("X", "a a"))
attempt("ident", lambda: namedtuple("X", "a 1b"))
attempt("defaults", lambda: namedtuple("X", "a", defaults=[1, 2]))
print(namedtuple("X", "a def _c a 1", rename=True)._fields)
attempt("setattr", lambda: setattr(p, "x", 3))
match p:
    case P(x, y):
        print("matched", x, y)

m1, m2 = {"a": 1}, {"a": 2, "b": 3}
cm = ChainMap(m1, m2)
print(cm, cm["a"], cm["b"], len(cm), list(cm), dict(cm), "b" in cm, cm.get("q", 0))
cm["c"] = 4
print(m1, cm.parents, cm.new_child(), cm.new_child({"a": 0})["a"])
attempt("del missing", lambda: cm.__delitem__("b"))
attempt("getitem missing", lambda: cm["zz"])
attempt("popitem", lambda: ChainMap({}).popitem())
print(cm.pop("c"), m1, sorted(cm.items()), sorted(cm.keys()), sorted(cm.values()))

print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(set(), cabc.Set),
      isinstance(deque(), cabc.MutableSequence), isinstance(iter([]), cabc.Iterator),
      isinstance(5, cabc.Hashable), isinstance([], cabc.Hashable), issubclass(dict, cabc.Iterable),
      isinstance(len, cabc.Callable), isinstance((x for x in []), cabc.Generator),
      isinstance("s", cabc.MutableSequence), isinstance(cm, cabc.MutableMapping))


class MyMap(cabc.Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        return self.d[k]

    def __len__(self):
        return len(self.d)

    def __iter__(self):
        return iter(self.d)


mm = MyMap({"k": 1, "j": 2})
print(list(mm.items()), list(mm.keys()), list(mm.values()), mm.get("k"), "j" in mm, mm == {"k": 1, "j": 2})
attempt("abstract", lambda: cabc.Sequence())
