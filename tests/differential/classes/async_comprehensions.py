"""Async comprehensions in a coroutine (awaited where they stand, as CPython
3.12 inlines them): `async for` clauses over an async iterator class, `await`
in the element, the condition and nested comprehensions, driven by send()."""


class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def double(x):
    return x * 2

async def main():
    a = [x async for x in Counter(3)]
    b = {x: await double(x) for x in range(3)}
    c = [await double(x) async for x in Counter(2) if x > 1]
    d = [[y async for y in Counter(x)] async for x in Counter(2)]
    out = []
    async for v in Counter(2):
        out.append(v)
    print(a, b, c, d, out)
    return "ok"

co = main()
try:
    co.send(None)
except StopIteration as e:
    print("result", e.value)
