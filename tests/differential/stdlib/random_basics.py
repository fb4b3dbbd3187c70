"""random: CPython's exact Mersenne Twister sequences for integer seeds, and argument errors."""
import random


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


for s in (0, 1, 42, 2**40 + 7, -5, 12345678901234567890):
    random.seed(s)
    print(s, random.random(), random.getrandbits(8), random.getrandbits(70), random.randint(1, 6))
random.seed(7)
print([random.randrange(10) for _ in range(10)], random.randrange(5, 50, 5), random.randrange(10, 0, -3))
items = list(range(10))
random.shuffle(items)
print(items, random.choice("abcdef"), random.sample(range(100), 5), random.sample("abcdefgh", 3))
print(random.sample(range(10000), 8), random.choices("abc", k=5), random.choices("abc", weights=[1, 0, 5], k=5))
print(random.choices("xy", cum_weights=[1, 4], k=4), round(random.uniform(1, 2), 12), round(random.gauss(0, 1), 12), round(random.gauss(5, 2), 12))
r = random.Random(99)
state = r.getstate()
first = [r.random() for _ in range(3)]
r.setstate(state)
print(first == [r.random() for _ in range(3)], r.randint(0, 10**30))
attempt("randrange empty", lambda: random.randrange(0))
attempt("randrange empty2", lambda: random.randrange(5, 5))
attempt("randrange empty3", lambda: random.randrange(0, 10, -1))
attempt("randrange zero step", lambda: random.randrange(0, 10, 0))
attempt("randrange float", lambda: random.randrange(1.5))
attempt("choice empty", lambda: random.choice([]))
attempt("sample big", lambda: random.sample([1, 2], 3))
attempt("sample set", lambda: random.sample({1, 2}, 1))
attempt("getrandbits neg", lambda: random.getrandbits(-1))
attempt("choices both", lambda: random.choices("ab", [1, 1], cum_weights=[1, 2]))
attempt("choices len", lambda: random.choices("ab", [1]))
