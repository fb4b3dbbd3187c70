# random: the variates give CPython's exact sequences for a seed.
import random

print(random.NV_MAGICCONST, random.TWOPI, random.LOG4, random.SG_MAGICCONST, random.BPF, random.RECIP_BPF)
r = random.Random(12345)
print([r.normalvariate(1.0, 2.0) for _ in range(4)])
print([r.lognormvariate(0.0, 0.5) for _ in range(4)])
print([r.expovariate(1.5) for _ in range(4)])
print([r.vonmisesvariate(1.0, 4.0) for _ in range(4)])
print([r.vonmisesvariate(1.0, 1e-7) for _ in range(2)])
for alpha in [0.3, 0.999, 1.0, 2.5, 40.0]:
    print(alpha, [r.gammavariate(alpha, 2.0) for _ in range(4)])
print([r.betavariate(2.0, 5.0) for _ in range(4)])
print([r.betavariate(0.5, 0.5) for _ in range(4)])
print([r.paretovariate(3.0) for _ in range(4)])
print([r.weibullvariate(2.0, 1.5) for _ in range(4)])
print([r.triangular(0.0, 10.0, 3.0) for _ in range(4)])
print([r.gauss(5.0, 0.1) for _ in range(4)])
random.seed(2024)
print(random.gammavariate(3.0, 1.0), random.betavariate(1.0, 3.0), random.paretovariate(1.0),
      random.weibullvariate(1.0, 1.0), random.lognormvariate(0.0, 1.0), random.vonmisesvariate(0.0, 2.0))
for bad in [(0.0, 1.0), (1.0, 0.0), (-1.0, 1.0)]:
    try:
        r.gammavariate(*bad)
    except ValueError as e:
        print('ValueError', e)
