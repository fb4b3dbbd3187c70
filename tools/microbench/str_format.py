# str.format, f-strings and %-formatting of ints, floats and strs; prints a checksum.
def main():
    total = 0
    for r in range(250):
        for i in range(500):
            t = "{}:{:>5}|{:.2f}".format(i, r, i / 7)
            u = f"{i}-{r}-{t}"
            v = "%d/%s" % (i, t)
            total += len(t) + len(u) + len(v)
    print(total)

main()
