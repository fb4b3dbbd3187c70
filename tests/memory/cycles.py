# A million reference cycles, each unreachable as soon as make() returns:
# reference counting cannot free them, the cycle collector must. Prints
# the peak resident memory (Linux VmHWM) in KiB as the last line.
import gc


class Node:
    def __init__(self, n):
        self.n = n
        self.other = None


def make(i):
    a = Node(i)
    b = Node(i + 1)
    a.other = b
    b.other = a
    return a.n + b.n


total = 0
for i in range(1000000):
    total += make(i)
print(total)
print(gc.collect() >= 0)
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            print(int(line.split()[1]))
