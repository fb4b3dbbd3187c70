# list index read and write (positive and negative indices); prints a checksum.
def main():
    xs = list(range(200000))
    n = len(xs)
    total = 0
    for r in range(8):
        for i in range(n):
            total += xs[i]
        for i in range(0, n, 3):
            xs[i] = xs[n - 1 - i]
        for i in range(1, n, 5):
            total += xs[-i]
    print(total)

main()
