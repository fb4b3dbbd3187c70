# str.join of lists of short strings; prints a checksum.
def main():
    parts = [str(i) for i in range(2000)]
    small = ["a", "bc", "def", "ghij"]
    total = 0
    for r in range(2000):
        total += len("-".join(parts))
        for _ in range(20):
            total += len(", ".join(small))
    print(total)

main()
