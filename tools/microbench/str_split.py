# str.split with a separator and on whitespace; prints a checksum.
def main():
    line = ",".join([str(i) for i in range(2000)])
    words = "the quick brown fox jumps over the lazy dog " * 50
    total = 0
    for r in range(600):
        parts = line.split(",")
        total += len(parts) + len(parts[r])
        total += len(words.split())
    print(total)

main()
