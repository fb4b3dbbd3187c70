from typing import (Any, Optional, Union, List, Dict, Tuple, Set, FrozenSet, Callable, Iterable, Iterator,
                    Generator, Sequence, Mapping, TypeVar, Generic, Protocol, NamedTuple, TypedDict, cast,
                    overload, final, Final, ClassVar, Literal, Annotated, TYPE_CHECKING, get_type_hints,
                    runtime_checkable, get_origin, get_args, NewType, Type, Deque, DefaultDict)
import typing

T = TypeVar("T")
K = TypeVar("K", bound=str)
print(T, K, TypeVar("C", covariant=True), TypeVar("N", int, str).__constraints__, TYPE_CHECKING)
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None, str], Union[int])
print(Tuple[int, ...], Tuple[int, str], Callable[[int, str], bool], Callable[..., int], Set[T], FrozenSet[bytes])
print(Literal["a", 1], Annotated[int, "meta"], ClassVar[int], Final[str], Type[int], Iterable[str], Any)
print(Optional[List[int]] == Union[List[int], None], Union[int, str] == Union[str, int], List[int] == List[int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]), get_args(Optional[int]))
print(get_args(Callable[[int], str]), get_origin(Annotated[int, "x"]), get_args(Annotated[int, "x", 2]))
print(isinstance([], List), isinstance({}, Mapping), isinstance(iter([]), Iterator), isinstance(3, Iterable))
print(isinstance((x for x in []), Generator), issubclass(list, Sequence), cast(int, "not an int"))


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s = Stack[int]()
s.push(1)
s.push(2)
print(s.pop(), type(s).__name__, Stack[str] is not None)


class Point(NamedTuple):
    x: int
    y: int = 0
    label: str = "p"

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p, p.norm1(), p._asdict(), Point._fields, p._replace(y=1), p == (3, -4, "p"), isinstance(p, tuple))
Emp = NamedTuple("Emp", [("name", str), ("id", int)])
print(Emp("a", 1), Emp._fields)


class Movie(TypedDict):
    name: str
    year: int


class Movie2(Movie, total=False):
    rating: float


m = Movie(name="Blade Runner", year=1982)
print(m, m["year"], Movie.__annotations__, sorted(Movie2.__required_keys__), sorted(Movie2.__optional_keys__))


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


class Resource:
    def close(self) -> None:
        print("closed")


print(isinstance(Resource(), Closable), isinstance(42, Closable))


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2


print(double(2), double("ab"))


@final
class Leaf:
    pass


UserId = NewType("UserId", int)
print(UserId(5), UserId, Leaf.__name__)


class Config:
    name: str
    retries: int = 3
    ratio: "float"


def f(a: int, b: "str" = "x") -> Optional[int]:
    return None


print(get_type_hints(Config), get_type_hints(f))
x: Final = 3
y: ClassVar[int]
print(typing.Deque[int], DefaultDict[str, int], typing.Text, typing.AnyStr)
for bad in [lambda: List[int, str], lambda: Dict[int], lambda: isinstance(1, List[int]), lambda: Union[()],
            lambda: List(), lambda: Optional[int, str]]:
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
