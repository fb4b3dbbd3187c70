"""heapq and bisect: exact heap layouts, merge stability, nlargest/nsmallest ties, key= searches."""
import heapq
import bisect


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3]:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(3)], h)
data = [9, 7, 5, 3, 1, 8, 6, 4, 2, 0]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 10), data)
print(heapq.heappushpop(data, -1), heapq.heappushpop(data, 11), data)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
heapq.heapify(pairs)
print([heapq.heappop(pairs) for _ in range(4)])
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge()))
print(list(heapq.merge(["a1", "b1"], ["a2", "b2"], key=lambda s: s[0])))
print(list(heapq.merge([7, 4, 1], [8, 5, 2], reverse=True)))
people = [("ann", 30), ("bob", 25), ("cy", 30), ("dee", 25), ("eve", 40)]
print(heapq.nlargest(2, people, key=lambda p: p[1]), heapq.nsmallest(3, people, key=lambda p: p[1]))
print(heapq.nlargest(3, [1, 5, 2, 5, 3]), heapq.nsmallest(2, [4, 1, 3]), heapq.nlargest(1, []), heapq.nsmallest(0, [1]))
print(heapq.nlargest(10, "hello"), heapq.nsmallest(1, [3, 1, 2]))
attempt("pop empty", lambda: heapq.heappop([]))
attempt("replace empty", lambda: heapq.heapreplace([], 1))
attempt("push tuple", lambda: heapq.heappush((), 1))
attempt("heapify tuple", lambda: heapq.heapify((1,)))
attempt("mixed", lambda: heapq.heapify([1, "a"]))

a = [1, 2, 4, 4, 4, 7, 9]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 10))
print(bisect.bisect_left(a, 4, 4), bisect.bisect_right(a, 4, 0, 3), bisect.bisect_left(a, 4, hi=2))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
bisect.insort_right(a, 0)
print(a)
records = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(records, 3, key=lambda r: r[1]), bisect.bisect_right(records, 3, key=lambda r: r[1]))
bisect.insort(records, ("x", 4), key=lambda r: r[1])
bisect.insort_left(records, ("y", 3), key=lambda r: r[1])
print(records)
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])
attempt("lo neg", lambda: bisect.bisect_left(a, 1, -1))
attempt("insort lo neg", lambda: bisect.insort(a, 1, -1))
