"""Exceptions raised inside small functions that release builds inline keep
the callee's traceback entry, after the caller's (innermost entries shown)."""


def inv(x, y):
    d = x - y
    return 1.0 / d


def first(xs):
    return xs[0]


def run(n):
    total = 0.0
    for i in range(n):
        total += inv(i, 3)
    return total


def loop():
    out = []
    for xs in ([1], [2], []):
        out.append(first(xs))
    return out


def guarded(i):
    try:
        return inv(i, 2)
    except ZeroDivisionError:
        return "handled in the caller"


def innermost(e, k):
    lines = []
    tb = e.__traceback__
    while tb is not None:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    return lines[-k:]


for f, arg in ((run, 5), (loop, None)):
    try:
        print(f(arg) if arg is not None else f())
    except (ZeroDivisionError, IndexError) as e:
        print(type(e).__name__, e, innermost(e, 2))
print([guarded(i) for i in range(4)])
