"""enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, aliases, lookups and errors."""
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    SCARLET = 1

    def label(self):
        return self.name.title()


print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value, Color(2), Color["BLUE"], Color.SCARLET is Color.RED)
print(list(Color), len(Color), list(Color.__members__), Color.RED in Color, 2 in Color, Color.RED.label())
print(repr(Color), type(Color.RED) is Color, isinstance(Color.RED, Color), hash(Color.RED) == hash(Color.RED))
print(f"{Color.RED}", format(Color.GREEN, ">12") + "|", Color.RED == 1, Color.RED != Color.GREEN, list(reversed(Color)))
print({Color.RED: "r"}[Color.SCARLET], sorted(Color, key=lambda c: c.value, reverse=True)[0])
attempt("bad value", lambda: Color(9))
attempt("bad name", lambda: Color["PINK"])
attempt("lt", lambda: Color.RED < Color.GREEN)
attempt("reassign", lambda: setattr(Color, "RED", 5))
try:
    class Sub(Color):
        PINK = 9
except TypeError as e:
    print("extend", type(e).__name__, e)


class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()


print([(m.name, m.value) for m in Auto])


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)


print(Planet.EARTH.value, Planet.EARTH.mass, Planet.MERCURY.gravity, Planet((5.976e+24, 6.37814e6)))


class Level(IntEnum):
    LOW = 1
    HIGH = 3


print(Level.LOW, repr(Level.HIGH), Level.LOW < Level.HIGH, Level.HIGH + 1, Level(3), f"{Level.LOW}", str(Level.HIGH), sorted([Level.HIGH, 2, Level.LOW]))
print(isinstance(Level.LOW, int), Level.LOW == 1, int(Level.HIGH), [l.name for l in Level])


class Shape(StrEnum):
    CIRCLE = auto()
    SQUARE = "sq"


print(Shape.CIRCLE, repr(Shape.CIRCLE), Shape.SQUARE.upper(), Shape("sq"), Shape.CIRCLE == "circle")


class Perm(Flag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, list(rw), len(rw), bool(Perm(0)), repr(Perm(0)), ~Perm.R, rw & Perm.W, rw ^ Perm.R)
print(list(Perm), Perm(7), repr(Perm), Perm.R.value)
attempt("flag bad", lambda: Perm(8))


class Bits(IntFlag):
    A = auto()
    B = auto()
    C = auto()


print(Bits.A | Bits.C, repr(Bits.A | Bits.C), Bits.B | 1, Bits(9), repr(Bits(9)), Bits.C.value, Bits.A & 3)


@unique
class Ok(Enum):
    ONE = 1
    TWO = 2


try:
    @unique
    class Dup(Enum):
        ONE = 1
        UNO = 1
except ValueError as e:
    print("ValueError", e)


class WithMissing(Enum):
    A = "a"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str) and value.lower() == "a":
            return cls.A
        return None


print(WithMissing("A"), Ok.TWO)
attempt("missing none", lambda: WithMissing("b"))
Animal = Enum("Animal", "CAT DOG")
print(list(Animal), Animal.DOG.value, Enum("T", [("X", 5)]).X)
match Color.GREEN:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("green")
