# A small dynamically typed program for the profile-guided golden test
# (tools/tests/feedback.test.mjs): no annotations, so only a runtime profile
# tells the compiler that `step` adds ints and floats and that `scale` is
# always the function it is.


def scale(x, k):
    return x * k


def step(total, x):
    return total + x


def run(n):
    total = 0
    acc = 0.0
    for i in range(n):
        total = step(total, i)
        acc = acc + scale(1.5, 2.0)
        if i % 7 == 0:
            total = total - 1
    return total, acc


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def points(n):
    ps = [Point(i, i + 1) for i in range(n)]
    s = 0
    for p in ps:
        s = s + p.x * p.y
    return s


print(run(1000))
print(points(200))
try:
    print(step("a", 1))
except TypeError as e:
    print("TypeError:", e)
