"""time (monotonic clocks, sleep), abc (abstract classes) and types."""
import abc
import time
import types

t0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.01)
print(time.perf_counter() - t0 >= 0.009, time.monotonic() >= m0, time.time() > 1.6e9)
print(type(time.perf_counter_ns()).__name__, time.monotonic_ns() > 0)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Half(Shape):
    pass


print(Square(3).describe(), isinstance(Square(1), Shape), issubclass(Square, abc.ABC))
try:
    Shape()
except TypeError as e:
    print("TypeError", e)
try:
    Half()
except TypeError as e:
    print("TypeError", e)
print(sorted(Shape.__abstractmethods__))

ns = types.SimpleNamespace(a=1, b="x")
ns.c = [1]
print(ns, ns == types.SimpleNamespace(a=1, b="x", c=[1]))


def gen():
    yield 1


print(isinstance(gen(), types.GeneratorType), isinstance(gen, types.FunctionType), isinstance(len, types.BuiltinFunctionType))
print(types.NoneType is type(None))
