# dict lookup (subscript, `in`, get) with int and str keys; prints a checksum.
def main():
    n = 100000
    d = {}
    for i in range(n):
        d[i] = i * 2
    keys = ["k" + str(i) for i in range(20000)]
    sd = {}
    for k in keys:
        sd[k] = len(k)
    total = 0
    for _ in range(6):
        for i in range(n):
            total += d[i]
        for k in keys:
            total += sd[k]
    hits = 0
    for i in range(0, 4 * n, 3):
        if i in d:
            hits += 1
        hits += sd.get("k" + str(i & 32767), 0)
    print(total, hits)

main()
