"""itertools: every iterator building block, with argument errors."""
from itertools import (accumulate, batched, chain, combinations, combinations_with_replacement, compress,
                       count, cycle, dropwhile, filterfalse, groupby, islice, pairwise, permutations,
                       product, repeat, starmap, takewhile, tee, zip_longest)
import operator


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


print(list(islice(count(), 5)), list(islice(count(10, 2.5), 3)), list(islice(count(5, -1), 3)), repr(count(3)), repr(count(1, 2)))
print(list(islice(cycle("abc"), 7)), list(cycle([])))
print(list(repeat("x", 3)), list(repeat(1, -2)), list(islice(repeat(0), 2)), repr(repeat(4, 2)), list(map(pow, range(4), repeat(2))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], operator.mul)), list(accumulate([1, 2], initial=10)), list(accumulate([])), list(accumulate([], initial=0)))
print(list(chain("ab", [1], ())), list(chain.from_iterable(["xy", "z"])), list(chain()))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress("AB", [1, 1, 1, 1])))
print(list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(filterfalse(lambda x: x % 2, range(8))), list(filterfalse(None, [0, 1, "", "a"])))
print([(k, list(g)) for k, g in groupby("aaabccaa")], [k for k, _ in groupby([1, 1, 2])])
print([(k, list(g)) for k, g in groupby(["ant", "ape", "bee", "cat", "cow"], key=lambda s: s[0])])
groups = groupby("aabbb")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
it = iter(range(10))
print(list(islice(it, 2, 8, 3)), next(it), list(islice("abcdefg", 2)), list(islice("abcdefg", 2, None)), list(islice("abc", None)))
print(list(islice(range(10), 1, 3, None)), list(islice(range(3), 5, 10)))
attempt("islice neg", lambda: islice("abc", -1))
attempt("islice start neg", lambda: islice("abc", -1, 2))
attempt("islice step 0", lambda: islice("abc", 0, 2, 0))
attempt("islice str", lambda: islice("abc", "x"))
attempt("islice args", lambda: islice("abc"))
print(list(pairwise("abcd")), list(pairwise("a")), list(starmap(pow, [(2, 3), (3, 2)])))
a, b = tee(iter([1, 2, 3]))
print(next(a), list(a), list(b), len(tee("x", 3)), tee("x", 0))
attempt("tee neg", lambda: tee("x", -1))
print(list(zip_longest("ab", "xyz", fillvalue="-")), list(zip_longest()), list(zip_longest([1])))
print(list(product("ab", range(2))), list(product([1, 2], repeat=2)), list(product()), list(product("ab", [])))
attempt("product neg", lambda: product("a", repeat=-1))
print(list(permutations("abc", 2)), len(list(permutations(range(4)))), list(permutations("ab", 3)), list(permutations([], 0)))
print(list(combinations("abcd", 2)), list(combinations("ab", 3)), list(combinations("ab", 0)))
print(list(combinations_with_replacement("abc", 2)), list(combinations_with_replacement("", 2)))
attempt("comb neg", lambda: combinations("abc", -1))
attempt("comb missing", lambda: combinations("abc"))
attempt("perm neg", lambda: permutations("abc", -2))
print(list(batched("abcdefg", 3)), list(batched([], 2)))
attempt("batched 0", lambda: batched("abc", 0))
attempt("chain noniter", lambda: list(chain(1)))
attempt("cycle noniter", lambda: cycle(1))
attempt("count str", lambda: count("a"))
attempt("zip_longest noniter", lambda: zip_longest(1))
attempt("pairwise noniter", lambda: pairwise(3))
