"""When objects are released: a local variable keeps its value alive until
it is rebound or deleted and until the function returns (as CPython's frame
does), so `__del__` methods and generators' `finally` blocks run at those
points, not right after the value's last use."""


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def gen(tag):
    try:
        yield 1
        yield 2
    finally:
        print("finally", tag)


def partly_consumed():
    g = gen("a")
    print("first", next(g))
    print("still in the function")


def rebound():
    x = Noisy("first")
    print("made", x.name)
    x = Noisy("second")
    print("rebound to", x.name)
    del x
    print("deleted")


def loop_variable():
    for n in ["l1", "l2", "l3"]:
        obj = Noisy(n)
        print("iteration", obj.name)
    print("after the loop")


def early_return(flag):
    a = Noisy("a")
    b = Noisy("b")
    print("using", a.name, b.name)
    if flag:
        return "early"
    print("late path")
    return "late"


def generator_in_loop():
    total = 0
    for tag in ["g1", "g2"]:
        g = gen(tag)
        total += next(g)
        print("took one from", tag)
    print("loop done", total)


def unused_result():
    Noisy("temporary")
    print("after the temporary")
    kept = Noisy("kept")
    print("before return")
    return kept.name


def exception_variable():
    try:
        raise ValueError("boom")
    except ValueError as e:
        holder = Noisy("in handler")
        print("caught", e)
    print("after the handler")


partly_consumed()
print("--")
rebound()
print("--")
loop_variable()
print("--")
print(early_return(True))
print(early_return(False))
print("--")
generator_in_loop()
print("--")
print(unused_result())
print("--")
exception_variable()
print("end")
