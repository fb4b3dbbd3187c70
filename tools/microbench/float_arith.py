# float arithmetic (a damped oscillator); prints a rounded checksum.
def main():
    x = 1.0
    v = 0.0
    dt = 0.001
    s = 0.0
    for i in range(1500000):
        a = -4.0 * x - 0.001 * v
        v += a * dt
        x += v * dt
        s += x * x + 0.5 * v
    print(round(s, 6), round(x * 1e9, 3))

main()
