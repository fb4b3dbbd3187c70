# Loops long enough that the wasm backend's loop functions stop and resume
# many times (every 10,000 back edges, at the outer or an inner loop header),
# leaving through every kind of exit: the end of the loop, break, return,
# an exception caught outside or inside the loop, and for/while-else.


def nested_sum(n, m):
    total = 0
    acc = 0.0
    flag = False
    for i in range(n):
        row = i * 3
        for j in range(m):
            total += row ^ j
            acc += (i - j) * 0.25
        flag = not flag
    # values defined in the loop body, read after it
    return total, acc, flag, i, j, row


def early_return(limit):
    k = 0
    while True:
        k += 7
        for j in range(50):
            if (k * j) % 100003 == limit and k > 50000:
                return ("found", k, j)
        if k > 10_000_000:
            return ("gave up", k)


def break_out(n):
    seen = []
    x = 1
    for i in range(n):
        x = (x * 48271) % 2147483647
        if x % 99991 == 12345 % 99991 and i > 20000:
            seen.append(i)
            break
        if len(seen) < 3 and x % 50000 == 1:
            seen.append(("early", i))
    else:
        seen.append("no break")
    return seen, x


def raising(n):
    caught = 0
    last = None
    for i in range(n):
        try:
            if i % 5000 == 4999:
                raise ValueError(i)
            last = i * 2
        except ValueError as e:
            caught += 1
            last = e.args[0]
    return caught, last


def raise_out(n):
    acc = 0
    for i in range(n):
        for j in range(100):
            acc += 1
            if acc == n * 37:
                raise KeyError((i, j, acc))
    return acc


def while_else(n):
    i = 0
    s = 0.0
    while i < n:
        s += 1.0 / (i + 1)
        i += 1
    else:
        s = round(s, 9)
    return i, s


def big_ints(n):
    v = 1
    for i in range(n):
        v = v * 3 + i
        if v.bit_length() > 200:
            v >>= 150
    return v


def closures(n):
    count = 0

    def bump(by):
        nonlocal count
        count += by

    for i in range(n):
        bump(i % 3)
    return count


def strings(n):
    parts = []
    for i in range(n):
        if i % 1000 == 0:
            parts.append(str(i))
    return ",".join(parts)


def lists(n):
    a = [0] * 64
    for i in range(n):
        a[i % 64] += i
    b = [x % 1000 for x in a]
    return sum(a), b[:5]


def gen(n):
    for i in range(n):
        if i % 20000 == 0:
            yield i


print(nested_sum(300, 120))
print(early_return(77))
print(break_out(200000))
print(raising(40000))
try:
    raise_out(30000)
except KeyError as e:
    print("KeyError", e)
print(while_else(60000))
print(big_ints(30000))
print(closures(50000))
print(strings(25000))
print(lists(70000))
print(list(gen(100000)))

# a loop at module level, long enough to resume several times
total = 0
for i in range(45000):
    total += i % 7
print(total, i)
