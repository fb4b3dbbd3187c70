# Ten million short-lived objects (lists, tuples, strings, floats boxed in
# containers, generator frames): reference counting frees each one after its
# last use. Prints the peak resident memory (Linux VmHWM) in KiB last.


def gen(n):
    for i in range(n):
        yield (i, str(i))


acc = 0
for i in range(200000):
    xs = [i, i + 1, float(i)]
    t = tuple(xs) + (str(i),)
    acc += len(t) + len("".join([t[3], "x"]))
    for k, s in gen(3):
        acc += k + len(s)
print(acc)
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            print(int(line.split()[1]))
