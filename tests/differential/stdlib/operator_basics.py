"""operator: function forms, itemgetter, attrgetter, methodcaller and their reprs and errors."""
import operator
from operator import itemgetter, attrgetter, methodcaller


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


print(operator.add(2, 3), operator.sub(2, 3), operator.mul("ab", 2), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.pos(-4), operator.abs(-3), operator.inv(5), operator.invert(0))
print(operator.lshift(1, 4), operator.rshift(32, 2), operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.not_(0), operator.truth([]), operator.is_(None, None), operator.is_not(1, None), operator.contains([1, 2], 2))
print(operator.concat([1], [2]), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"), operator.getitem("abc", 1))
lst = [1, 2, 3]
operator.setitem(lst, 0, 9)
operator.delitem(lst, 1)
print(lst, operator.index(7), operator.length_hint([1, 2]), operator.length_hint(iter([]), 5), operator.call(max, 1, 5))
x = [1]
y = operator.iadd(x, [2])
print(x, y is x, operator.iadd(1, 2), operator.imul("a", 3), operator.isub(5, 1), operator.ior({1}, {2}))
print(operator.__add__(1, 1), operator.matmul.__name__ if hasattr(operator.matmul, "__name__") else "")
attempt("index float", lambda: operator.index(1.5))
attempt("concat int", lambda: operator.concat(1, 2))
attempt("indexOf missing", lambda: operator.indexOf([1], 2))
attempt("add mismatch", lambda: operator.add(1, "a"))

g = itemgetter(1)
gs = itemgetter(0, -1)
print(g("abc"), gs("abc"), itemgetter("k")({"k": 5}), repr(g), repr(gs), itemgetter(slice(1, 3))("abcd"))
attempt("itemgetter none", lambda: itemgetter())
attempt("itemgetter range", lambda: itemgetter(10)([1]))


class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def greet(self, greeting, punct="!"):
        return f"{greeting}, {self.name}{punct}"


n = Node("root", Node("leaf"))
print(attrgetter("name")(n), attrgetter("child.name")(n), attrgetter("name", "child.name")(n), repr(attrgetter("a.b", "c")))
attempt("attrgetter int", lambda: attrgetter(1))
attempt("attrgetter missing", lambda: attrgetter("nope")(n))
m = methodcaller("greet", "hello", punct="?")
print(m(n), repr(m), methodcaller("upper")("x"), repr(methodcaller("f")))
attempt("methodcaller int", lambda: methodcaller(3))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=itemgetter(1, 0)))
