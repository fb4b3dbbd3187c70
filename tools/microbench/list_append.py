# list append (growing lists); prints a checksum.
def main():
    total = 0
    for r in range(20):
        xs = []
        for i in range(200000):
            xs.append(i ^ r)
        total += len(xs) + xs[-1]
    print(total)

main()
