"""Async generators driven without an event loop (send/throw by hand, as a
scheduler would): `async for`, `__anext__`/`asend`/`athrow`/`aclose`, awaits
inside the body passing their suspensions through, `finally` blocks, errors
and the end of iteration, async generator expressions."""


class Sleep:
    """An awaitable that suspends once, handing `tag` to the driver."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield self.tag
        return got


def drive(coro, sends=()):
    """Run a coroutine to the end, printing what it hands to the driver."""
    sends = list(sends)
    value = None
    try:
        while True:
            handed = coro.send(value)
            print("  driver got", handed)
            value = sends.pop(0) if sends else None
    except StopIteration as e:
        return e.value


async def counter(n):
    try:
        for i in range(n):
            woke = await Sleep(f"tick {i}")
            yield i * 10 + (woke or 0)
    finally:
        print("  counter finally")


async def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    except ValueError as e:
        yield f"caught {e}"
    finally:
        print("  echo finally, received", received)


async def consume():
    out = []
    async for v in counter(3):
        out.append(v)
    return out


async def manual():
    g = echo()
    first = await g.__anext__()
    second = await g.asend("a")
    third = await g.asend("b")
    thrown = await g.athrow(ValueError("bad"))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        return [first, second, third, thrown, "stopped"]


async def breaking():
    g = counter(5)
    out = []
    async for v in g:
        out.append(v)
        if len(out) == 2:
            break
    await g.aclose()
    return out


async def failing():
    yield 1
    raise KeyError("inside")


async def catch_inside():
    got = []
    try:
        async for v in failing():
            got.append(v)
    except KeyError as e:
        got.append(f"KeyError {e}")
    return got


async def genexp():
    squares = (x * x async for x in counter(3))
    return [y async for y in squares]


def info():
    g = counter(1)
    print(type(g).__name__, g.__name__, g.__qualname__, type(g.__anext__()).__name__)
    print(type(g.aclose()).__name__, g.ag_running)


print("consume:", drive(consume(), sends=[1, 2, 3]))
print("manual:", drive(manual()))
print("breaking:", drive(breaking()))
print("catch_inside:", drive(catch_inside()))
print("genexp:", drive(genexp()))
info()
