"""dataclasses: generated methods, field options, InitVar, __post_init__, frozen, order, helpers and errors."""
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass, InitVar,
                         FrozenInstanceError, KW_ONLY, make_dataclass)


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(1, 3), p == (1, 2), Point.__match_args__)
attempt("hash", lambda: hash(p))
attempt("missing", lambda: Point())
attempt("too many", lambda: Point(1, 2, 3))
attempt("kw", lambda: Point(1, z=3))
attempt("multiple", lambda: Point(1, x=2))


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tag: str = field(default="", compare=False, repr=False)


v1, v2 = Version(1, 2, "a"), Version(1, 10)
print(v1, v1 < v2, v1 >= v2, sorted([v2, v1]), hash(v1) == hash(Version(1, 2, "zzz")), v1 == Version(1, 2))
attempt("frozen set", lambda: setattr(v1, "major", 5))
attempt("frozen del", lambda: delattr(v1, "major"))
attempt("order other", lambda: v1 < 5)


@dataclass
class Inventory:
    items: list = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(default=0, init=False)
    scale: InitVar[int] = 1

    def __post_init__(self, scale):
        self.total = len(self.items) * scale


inv = Inventory(["a", "b"], scale=10)
print(inv, inv.total, Inventory(), Inventory().items is not Inventory().items)
print([f.name for f in fields(inv)], [f.name for f in fields(Inventory)], fields(Point)[1].default)


@dataclass
class Line:
    start: Point
    end: Point
    tags: tuple = ()


ln = Line(Point(0, 0), Point(1, 1), ("t",))
print(asdict(ln), astuple(ln), replace(ln, tags=("u",)), replace(p, y=9))
print(is_dataclass(ln), is_dataclass(Line), is_dataclass(5))
attempt("asdict non", lambda: asdict(5))
attempt("astuple non", lambda: astuple(Point))
attempt("replace non", lambda: replace(5))
attempt("replace init false", lambda: replace(inv, total=3))
attempt("fields non", lambda: fields(5))


@dataclass
class Point3(Point):
    z: int = 0


print(Point3(1, 2, 3), fields(Point3)[2].name, Point3(1) == Point3(1))


@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int


print(Opts(level=2))
attempt("kw only positional", lambda: Opts(1, 2))
attempt("kw only missing", lambda: Opts())


@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int
    c: int = 3


print(Mixed(1, b=2), Mixed.__match_args__)

try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)

try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print("ValueError", e)

attempt("both defaults", lambda: field(default=1, default_factory=list))
try:
    @dataclass(order=True)
    class Bad3:
        a: int

        def __lt__(self, other):
            return True
except TypeError as e:
    print("TypeError", e)


@dataclass(unsafe_hash=True)
class H:
    a: int
    b: list = field(default_factory=list, hash=False)


print(hash(H(1)) == hash(H(1, [2])), H(1) == H(1, [2]))


@dataclass(eq=False)
class Ident:
    a: int


print(Ident(1) == Ident(1), Ident(1).__hash__ is not None)


@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)


root = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(root))
C = make_dataclass("C", [("x", int), ("y", int, field(default=5))])
print(C(1), C(1, 2) == C(1, 2))
match p:
    case Point(x, y):
        print("match", x, y)
