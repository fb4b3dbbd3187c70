# list append/index/iteration; prints a checksum.
def main():
    total = 0
    for r in range(8):
        xs = []
        for i in range(200000):
            xs.append(i ^ r)
        n = len(xs)
        for i in range(n):
            total += xs[i]
        for i in range(0, n, 3):
            xs[i] = xs[n - 1 - i]
        total += xs[n // 2] + xs[-1]
    print(total)

main()
