"""functools: reduce, partial, lru_cache, cache, wraps, total_ordering, cmp_to_key, singledispatch, cached_property."""
import functools
from functools import reduce, partial, lru_cache, cache, wraps, total_ordering, cmp_to_key
from functools import singledispatch, cached_property, update_wrapper
import operator


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


print(reduce(operator.add, [1, 2, 3, 4]), reduce(operator.mul, [], 1), reduce(lambda a, b: a + b, ["x"]))
attempt("reduce empty", lambda: reduce(operator.add, []))
attempt("reduce noniter", lambda: reduce(operator.add, 5))


def power(base, exp, *, mod=None):
    return pow(base, exp, mod)


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=5)
print(square(7), cube_mod(4), partial(partial(power, 2), 10)(), square.func is power, square.args, square.keywords)
print(repr(partial(max, 1, key=abs)))
attempt("partial noncallable", lambda: partial(3))

calls = []


@lru_cache(maxsize=2)
def slow(n):
    calls.append(n)
    return n * n


print([slow(i) for i in (1, 2, 1, 3, 1, 2)], calls, slow.cache_info())
slow.cache_clear()
print(slow.cache_info(), slow.__name__, slow.__wrapped__.__name__)


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())


@cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(20), fact.cache_info(), fact.cache_parameters())


@lru_cache(maxsize=None, typed=True)
def ident(x):
    calls.append(("ident", x))
    return x


ident(1)
ident(1.0)
ident(1)
print(ident.cache_info())
attempt("lru bad", lambda: lru_cache("x"))


@lru_cache(maxsize=0)
def nocache(x):
    return x


nocache(1)
nocache(1)
print(nocache.cache_info())


class Graph:
    @lru_cache(maxsize=None)
    def paths(self, n):
        return 1 if n <= 1 else self.paths(n - 1) + self.paths(n - 2)


print(Graph().paths(30))


def logged(fn):
    @wraps(fn)
    def inner(*a, **k):
        """inner doc"""
        return fn(*a, **k)
    return inner


@logged
def greet(name):
    """Say hello."""
    return f"hi {name}"


print(greet("bo"), greet.__name__, greet.__doc__, greet.__wrapped__("x"))


def target():
    "T"


def wrapper():
    pass


update_wrapper(wrapper, target)
print(wrapper.__name__, wrapper.__doc__)


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.n < other.n


a, b = Version(1), Version(2)
print(a < b, a <= b, a > b, a >= b, b >= a, a <= Version(1), a >= Version(1))
attempt("cmp other", lambda: a <= 5)


@total_ordering
class G:
    def __init__(self, n):
        self.n = n

    def __gt__(self, other):
        return self.n > other.n


print(G(1) < G(2), G(3) <= G(2), G(2) >= G(2))
attempt("no ordering", lambda: total_ordering(type("E", (), {})))


def cmp_len(a, b):
    return len(a) - len(b)


print(sorted(["ccc", "a", "bb", "dd"], key=cmp_to_key(cmp_len)), max(["x", "yyy"], key=cmp_to_key(cmp_len)))
K = cmp_to_key(cmp_len)
print(K("ab") < K("abc"), K("ab") == K("cd"))
attempt("cmp other", lambda: K("a") < "b")


@singledispatch
def describe(x):
    return f"object {x!r}"


@describe.register
def _(x: int):
    return f"int {x}"


@describe.register(list)
def _(x):
    return f"list of {len(x)}"


@describe.register
def _(x: str | bytes):
    return f"text {x!r}"


class Base:
    pass


class Child(Base):
    pass


describe.register(Base, lambda x: "base")
print(describe(3), describe(True), describe([1, 2]), describe("s"), describe(b"b"), describe(2.5), describe(Child()))
print(describe.dispatch(bool).__name__, object in describe.registry)
attempt("no args", lambda: describe())
try:
    describe.register(lambda x: x)
except TypeError as e:
    print("bad register", type(e).__name__, str(e).split(":")[0])


class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0

    @cached_property
    def area(self):
        self.computed += 1
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, c.computed, "area" in c.__dict__)
del c.area
print(c.area, c.computed, type(Circle.area).__name__)


class Slotted:
    __slots__ = ("x",)

    @cached_property
    def y(self):
        return 1


attempt("slots cached_property", lambda: Slotted().y)
print(functools.WRAPPER_ASSIGNMENTS)
