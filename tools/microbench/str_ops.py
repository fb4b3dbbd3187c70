# str concatenation, split, join and format; prints a checksum.
def main():
    total = 0
    for r in range(250):
        s = ""
        for i in range(2000):
            s += str(i)
            s += ","
        parts = s.split(",")
        total += len(parts)
        joined = "-".join(parts)
        total += len(joined)
        words = "the quick brown fox jumps over the lazy dog " * 50
        total += len(words.split())
        for i in range(500):
            t = "{}:{:>5}|{:.2f}".format(i, r, i / 7)
            u = f"{i}-{r}-{t}"
            total += len(t) + len(u)
    print(total)

main()
