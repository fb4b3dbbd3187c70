"""The first program to run with Molt: `npx molt run examples/hello.py`."""


def greet(name: str) -> str:
    return f"Hello, {name}!"


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


class Counter:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, word: str) -> None:
        self.counts[word] = self.counts.get(word, 0) + 1


def main() -> None:
    print(greet("Molt"))
    print("fib(90) =", fib(90), "and 2**100 =", 2**100)
    c = Counter()
    for w in "the quick brown fox jumps over the lazy dog the end".split():
        c.add(w)
    top = sorted(c.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print("most common:", top)
    try:
        print(1 / 0)
    except ZeroDivisionError as e:
        print("caught:", e)
    squares = [x * x for x in range(10) if x % 2 == 0]
    print("even squares:", squares)


if __name__ == "__main__":
    main()
