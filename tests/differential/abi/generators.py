# ABI smoke: generators, send/throw/close, yield from, comprehensions.
def count(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "finished"

g = count(10)
print(next(g), next(g), g.send(7), next(g))
print(list(count(4)))

def delegating():
    r = yield from count(3)
    print("sub returned", r)
    yield "last"

print(list(delegating()))

def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield "caught " + str(e)
    finally:
        print("cleanup")

g = guarded()
print(next(g), g.throw(ValueError("v")))
g.close()
g2 = guarded()
next(g2)
g2.close()
print(sum(x * x for x in range(100)), [y for y in (x + 1 for x in range(5)) if y % 2])
print(dict((k, v) for k, v in zip("abc", range(3))), {x % 3 for x in range(10)})

def pairs():
    for i in range(3):
        for j in range(i):
            yield i, j

print(list(pairs()), list(enumerate(pairs())), sorted(pairs(), reverse=True))
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "default"))

def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fibs()
print([next(f) for _ in range(20)][-1], next(f))
