"""contextlib (contextmanager, suppress, ExitStack, closing, nullcontext, redirect_stdout) and copy."""
from contextlib import contextmanager, suppress, ExitStack, closing, nullcontext, redirect_stdout
import copy
import io


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("b") as t:
    print("inside", t)

try:
    with tag("i"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)


@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print("swallowed", e)


with swallow():
    raise KeyError("k")
print("after swallow")


@contextmanager
def noyield():
    if False:
        yield


try:
    with noyield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@contextmanager
def twice():
    yield 1
    yield 2


try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@tag("deco")
def decorated():
    print("body")


decorated()

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        raise IndexError("not suppressed")
except IndexError as e:
    print("IndexError", e)


class Res:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False

    def close(self):
        print("close", self.name)


with ExitStack() as stack:
    a = stack.enter_context(Res("a"))
    b = stack.enter_context(Res("b"))
    stack.callback(print, "callback", 1)
    stack.push(lambda *exc: print("pushed", exc[0]))
    print("body", a.name, b.name)

try:
    with ExitStack() as stack:
        stack.enter_context(Res("c"))
        stack.push(lambda et, ev, tb: et is KeyError)
        raise KeyError("x")
    print("ExitStack suppressed")
except KeyError:
    print("not suppressed")

with ExitStack() as outer:
    outer.enter_context(Res("d"))
    moved = outer.pop_all()
print("popped")
moved.close()
try:
    with ExitStack() as s:
        s.enter_context(5)
except TypeError as e:
    print("TypeError", e)

with closing(Res("e")) as r:
    print("using", r.name)
with nullcontext(42) as v:
    print("null", v)
buf = io.StringIO()
with redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))

nested = {"a": [1, 2, {"b": 3}], "t": (1, [2])}
sh = copy.copy(nested)
dp = copy.deepcopy(nested)
nested["a"][2]["b"] = 99
nested["t"][1].append(3)
print(sh["a"] is nested["a"], dp, sh["a"][2]["b"])
shared = [1]
pair = [shared, shared]
dpair = copy.deepcopy(pair)
print(dpair[0] is dpair[1], dpair[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)


class Pt:
    def __init__(self, x, tags):
        self.x = x
        self.tags = tags

    def __repr__(self):
        return f"Pt({self.x}, {self.tags})"


p = Pt(1, ["t"])
p2 = copy.copy(p)
p3 = copy.deepcopy(p)
p.tags.append("u")
print(p2, p3, p2.tags is p.tags, type(p3).__name__)


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print("custom copy")
        return Custom(self.v)

    def __deepcopy__(self, memo):
        print("custom deepcopy")
        return Custom(copy.deepcopy(self.v, memo))


c2 = copy.copy(Custom(1))
c3 = copy.deepcopy([Custom([1])])
print(c2.v, c3[0].v)


class Slots:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]
        self.b = 2


s = copy.deepcopy(Slots())
print(s.a, s.b)
print(copy.copy(5), copy.copy("s"), copy.deepcopy((1, 2)), copy.copy({1, 2}), copy.deepcopy(frozenset({1})))
t = (1, [2])
print(copy.deepcopy(t) is t, copy.copy(t) is t)
