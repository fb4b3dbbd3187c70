# dict insert/lookup with int and str keys; prints a checksum.
def main():
    n = 200000
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
    for i in range(0, 2 * n, 7):
        if i in d:
            hits += 1
    print(total, hits, len(d), len(sd))

main()
