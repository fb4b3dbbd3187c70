import statistics as st
from statistics import StatisticsError

ints = [2, 4, 4, 4, 5, 5, 7, 9]
floats = [0.1, 0.2, 0.3, 0.4, 1e-3, 2.5]
print(st.mean(ints), st.mean([1, 2, 3, 4]), st.mean(floats), st.mean([1, 2.5]), st.mean([True, False, True]))
print(st.fmean(ints), st.fmean(floats), st.fmean([1, 2, 3], weights=[3, 1, 1]))
print(st.median(ints), st.median([3, 1, 2]), st.median([1, 2, 3, 4]), st.median_low([1, 2, 3, 4]), st.median_high([1, 2, 3, 4]))
print(st.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]), st.median_grouped([52, 52, 53, 54], interval=2))
print(st.mode([1, 1, 2, 3, 3, 3]), st.mode(["red", "blue", "blue"]), st.multimode("aabbbbccddddeeffffgg"), st.multimode([]))
print(st.variance(ints), st.pvariance(ints), st.stdev(ints), st.pstdev(ints))
print(st.variance([1, 2, 3]), st.variance([1, 2, 3, 4]), st.pvariance([1, 2, 3]), st.stdev([1, 2, 3, 4]))
print(st.variance(floats), st.pvariance(floats), st.stdev(floats), st.pstdev(floats))
print(st.variance([2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]), st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(st.variance(ints, xbar=5), st.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25], mu=1.25))
print(st.stdev([10 ** 20, 10 ** 20 + 1, 10 ** 20 + 2]), st.pstdev([1e300, 1e300]), st.variance([5, 5, 5]))
print(st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([40, 60], weights=[5, 30]))
print(round(st.geometric_mean([54, 24, 36]), 9), st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
print(st.quantiles(range(1, 101), n=10, method="inclusive"), st.quantiles([1.5, 2.5, 10], n=3))
print(st.covariance([1, 2, 3, 4, 5], [1, 2, 3, 1, 2]), round(st.correlation([1, 2, 3, 4], [2, 4, 5, 9]), 12))
print(st.linear_regression([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]))
for f in [lambda: st.mean([]), lambda: st.fmean([]), lambda: st.median([]), lambda: st.mode([]),
          lambda: st.variance([1]), lambda: st.stdev([1]), lambda: st.pvariance([]), lambda: st.pstdev([]),
          lambda: st.harmonic_mean([-1, 2]), lambda: st.quantiles([1]), lambda: st.geometric_mean([0, 1]),
          lambda: st.correlation([1, 1], [1, 2])]:
    try:
        print(f())
    except StatisticsError as e:
        print(type(e).__name__, e)
print(issubclass(StatisticsError, ValueError))
