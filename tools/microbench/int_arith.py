# small-int arithmetic in a loop; prints a checksum.
def main():
    acc = 0
    x = 12345
    for i in range(1500000):
        x = (x * 1103 + 12345) % 65536
        acc += (x // 3) - (i & 255) + (x ^ i) % 17
    print(acc, x)

main()
