# ABI smoke: exceptions raised in one function and caught in another, with
# finally blocks, re-raise, chaining and exceptions inside generators.
class MyError(Exception):
    pass

def inner(n):
    if n == 0:
        raise MyError("bottom")
    try:
        return inner(n - 1)
    finally:
        print("finally", n)

try:
    inner(3)
except MyError as e:
    print("caught", e, type(e).__name__)

def convert():
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("converted") from e

try:
    convert()
except ValueError as e:
    print(e, repr(e.__cause__), e.__context__ is e.__cause__)

def reraiser():
    try:
        1 / 0
    except ZeroDivisionError:
        print("logging")
        raise

try:
    reraiser()
except ZeroDivisionError as e:
    print("again", e)

def gen():
    yield 1
    raise RuntimeError("in gen")

g = gen()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print("gen raised", e)

for exc in [IndexError, KeyError, TypeError, AttributeError, StopIteration]:
    try:
        raise exc("x")
    except LookupError as e:
        print("lookup", type(e).__name__)
    except Exception as e:
        print("other", type(e).__name__)

def loop_with_exceptions():
    total = 0
    for i in range(200):
        try:
            if i % 3 == 0:
                raise ValueError(i)
            total += i
        except ValueError as e:
            total -= e.args[0]
    return total

print(loop_with_exceptions())
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    int("x")
except ValueError as e:
    print(e)
print("done")
