# big integer multiplication (factorial-ish products and squaring); prints digits and a checksum.
def main():
    p = 1
    for i in range(1, 6001):
        p *= i
    q = p
    for _ in range(3):
        q = q * q % (10 ** 20000 + 7)
    x = 3 ** 5000
    total = 0
    for i in range(1500):
        total += (x * (x + i)) % 1000003
    print(p.bit_length(), q % 1000000007, total)

main()
