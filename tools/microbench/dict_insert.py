# dict insert with int and str keys (fresh dicts, growing); prints a checksum.
def main():
    keys = ["k" + str(i) for i in range(20000)]
    total = 0
    for r in range(10):
        d = {}
        for i in range(100000):
            d[i] = i
        sd = {}
        for k in keys:
            sd[k] = r
        total += len(d) + len(sd)
    print(total)

main()
