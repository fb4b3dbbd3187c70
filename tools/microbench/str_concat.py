# str concatenation: `s += piece` building a long string, and `a + b` of short ones; prints a checksum.
def main():
    total = 0
    for r in range(250):
        s = ""
        for i in range(2000):
            s += str(i)
            s += ","
        total += len(s)
    for i in range(300000):
        t = "ab" + str(i & 1023)
        total += len(t + "-" + t)
    print(total)

main()
