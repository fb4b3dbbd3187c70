# statistics — descriptive statistics for Molt (written for Molt from the
# documented behaviour of CPython 3.12): mean, fmean, geometric_mean,
# harmonic_mean, median (low/high/grouped), mode, multimode, quantiles,
# variance, pvariance, stdev, pstdev, covariance, correlation,
# linear_regression. Sums run exactly over integer ratios (num, den), so
# results are the correctly rounded values CPython computes with Fraction;
# int data gives int results where the exact value is integral.
# Neighbours: math (fsum, exp, log, ldexp).
import math

__all__ = ['StatisticsError', 'mean', 'fmean', 'geometric_mean', 'harmonic_mean', 'median',
           'median_low', 'median_high', 'median_grouped', 'mode', 'multimode', 'quantiles',
           'variance', 'pvariance', 'stdev', 'pstdev', 'covariance', 'correlation',
           'linear_regression', 'NormalDist']


class StatisticsError(ValueError):
    pass


# ---------------------------------------------------------------- exact arithmetic helpers

def _gcd(a, b):
    a = -a if a < 0 else a
    b = -b if b < 0 else b
    while b:
        a, b = b, a % b
    return a


def _ratio(x):
    """Exact (numerator, denominator) of an int or float; None for NaN/infinity."""
    if isinstance(x, bool):
        return int(x), 1
    if isinstance(x, int):
        return x, 1
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return None
        return x.as_integer_ratio()
    try:
        return x.as_integer_ratio()
    except AttributeError:
        pass
    try:
        return x.numerator, x.denominator
    except AttributeError:
        raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


def _reduce(n, d):
    if d < 0:
        n, d = -n, -d
    g = _gcd(n, d)
    if g > 1:
        n //= g
        d //= g
    return n, d


def _coerce(T, S):
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int or T is bool:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    if T is float or S is float:
        return float
    raise TypeError("can't convert type '%s' to '%s'" % (T.__name__, S.__name__))


class _Exact:
    """Exact sum of the data: type T, (num, den), count, or a non-finite float."""

    def __init__(self, data):
        T = int
        num, den = 0, 1
        count = 0
        special = None
        for x in data:
            count += 1
            T = _coerce(T, type(x))
            r = _ratio(x)
            if r is None:
                special = x if special is None else special + x
                continue
            n, d = r
            if d == den:
                num += n
            else:
                num = num * d + n * den
                den *= d
                num, den = _reduce(num, den)
        self.T = T
        self.num, self.den = _reduce(num, den)
        self.count = count
        self.special = special


def _convert(num, den, T):
    num, den = _reduce(num, den)
    if T is bool:
        T = int
    if T is int:
        if den != 1:
            return num / den
        return num
    if T is float:
        return num / den
    try:
        return T(num) / T(den)
    except TypeError:
        return num / den


def _isqrt(n):
    if n < 0:
        raise ValueError('isqrt() argument must be nonnegative')
    if n == 0:
        return 0
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _sqrt_frac(n, m):
    """Correctly rounded float sqrt(n / m) for integers n >= 0, m > 0."""
    if n == 0:
        return 0.0
    # scale so the integer root has at least 60 significant bits, keep a sticky bit
    k = max(0, 60 - (n.bit_length() - m.bit_length()) // 2)
    scaled = (n << (2 * k))
    q = scaled // m
    r = _isqrt(q)
    if r * r * m != scaled:
        r |= 1
    return math.ldexp(float(r), -k)


def _fail_empty(data, msg):
    if not data:
        raise StatisticsError(msg)


# ---------------------------------------------------------------- averages

def mean(data):
    data = list(data)
    _fail_empty(data, 'mean requires at least one data point')
    s = _Exact(data)
    if s.special is not None:
        return s.special / s.count if isinstance(s.special, float) else s.special
    return _convert(s.num, s.den * s.count, s.T)


def fmean(data, weights=None):
    if weights is None:
        data = list(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('fmean requires at least one data point')
        return math.fsum(data) / n
    data = list(data)
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError('data and weights must be the same length')
    total = math.fsum(weights)
    if not total:
        raise StatisticsError('sum of weights must be non-zero')
    return math.fsum([x * w for x, w in zip(data, weights)]) / total


def geometric_mean(data):
    data = list(data)
    if not data:
        raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers')
    logs = []
    for x in data:
        if x <= 0:
            raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers')
        logs.append(math.log(x))
    return math.exp(math.fsum(logs) / len(logs))


def harmonic_mean(data, weights=None):
    data = list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    elif n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float)):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_weights = n
    else:
        weights = list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        for w in weights:
            if w < 0:
                raise StatisticsError(errmsg)
        sum_weights = math.fsum(weights)
    T = int
    terms = []
    for x, w in zip(data, weights):
        T = _coerce(T, type(x))
        if x < 0:
            raise StatisticsError(errmsg)
        if x == 0:
            return 0
        terms.append(w / x if w else 0)
    s = _Exact(terms)
    if s.num <= 0:
        raise StatisticsError('Weighted sum must be positive')
    if isinstance(sum_weights, float):
        return sum_weights / (s.num / s.den)
    r = _ratio(sum_weights)
    return _convert(r[0] * s.den, r[1] * s.num, T)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2]


def median_grouped(data, interval=1):
    data = sorted(data)
    n = len(data)
    if not n:
        raise StatisticsError('no median for empty data')
    x = data[n // 2]
    lo = 0
    while lo < n and data[lo] < x:
        lo += 1
    hi = lo
    while hi < n and data[hi] <= x:
        hi += 1
    try:
        interval = float(interval)
        x = float(x)
    except ValueError:
        raise TypeError('Value cannot be converted to a float')
    L = x - interval / 2.0
    cf = lo
    f = hi - lo
    return L + interval * (n / 2 - cf) / f


def _counts(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts


def mode(data):
    counts = _counts(data)
    if not counts:
        raise StatisticsError('no mode for empty data')
    best = None
    best_n = 0
    for x, c in counts.items():
        if c > best_n:
            best, best_n = x, c
    return best


def multimode(data):
    counts = _counts(data)
    if not counts:
        return []
    top = max(counts.values())
    return [x for x, c in counts.items() if c == top]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError('Unknown method: %r' % (method,))


# ---------------------------------------------------------------- spread

def _ss(data, xbar):
    """(T, ss_num, ss_den, n, special): exact sum of squared deviations."""
    n = len(data)
    if xbar is not None:
        T = int
        for x in data:
            T = _coerce(T, type(x))
        sq = [(x - xbar) * (x - xbar) for x in data]
        s = _Exact(sq)
        T = _coerce(T, s.T)
        return T, s.num, s.den, n, s.special
    T = int
    sx_n, sx_d = 0, 1
    sxx_n, sxx_d = 0, 1
    special = None
    for x in data:
        T = _coerce(T, type(x))
        r = _ratio(x)
        if r is None:
            special = x if special is None else special + x
            continue
        a, b = r
        sx_n, sx_d = _reduce(sx_n * b + a * sx_d, sx_d * b)
        sxx_n, sxx_d = _reduce(sxx_n * b * b + a * a * sxx_d, sxx_d * b * b)
    if special is not None:
        return T, 0, 1, n, math.nan if special == special else special
    # ss = sxx - sx*sx/n
    num = sxx_n * sx_d * sx_d * n - sx_n * sx_n * sxx_d
    den = sxx_d * sx_d * sx_d * n
    num, den = _reduce(num, den)
    return T, num, den, n, None


def variance(data, xbar=None):
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('variance requires at least two data points')
    T, num, den, n, special = _ss(data, xbar)
    if special is not None:
        return math.nan
    return _convert(num, den * (n - 1), T)


def pvariance(data, mu=None):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pvariance requires at least one data point')
    T, num, den, n, special = _ss(data, mu)
    if special is not None:
        return math.nan
    return _convert(num, den * n, T)


def stdev(data, xbar=None):
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('stdev requires at least two data points')
    T, num, den, n, special = _ss(data, xbar)
    if special is not None:
        return math.nan
    num, den = _reduce(num, den * (n - 1))
    return _sqrt_frac(num, den)


def pstdev(data, mu=None):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pstdev requires at least one data point')
    T, num, den, n, special = _ss(data, mu)
    if special is not None:
        return math.nan
    num, den = _reduce(num, den * n)
    return _sqrt_frac(num, den)


# ---------------------------------------------------------------- two variables

def covariance(x, y, /):
    n = len(x)
    if len(y) != n:
        raise StatisticsError('covariance requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('covariance requires at least two data points')
    xbar = math.fsum(x) / n
    ybar = math.fsum(y) / n
    sxy = math.fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    return sxy / (n - 1)


def correlation(x, y, /, *, method='linear'):
    n = len(x)
    if len(y) != n:
        raise StatisticsError('correlation requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('correlation requires at least two data points')
    if method not in {'linear', 'ranked'}:
        raise ValueError('Unknown method: %r' % (method,))
    if method == 'ranked':
        x = _rank(x)
        y = _rank(y)
    xbar = math.fsum(x) / n
    ybar = math.fsum(y) / n
    sxy = math.fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    sxx = math.fsum([(d := xi - xbar) * d for xi in x])
    syy = math.fsum([(d := yi - ybar) * d for yi in y])
    try:
        return sxy / math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError('at least one of the inputs is constant')


def _rank(data):
    order = sorted(range(len(data)), key=lambda i: data[i])
    ranks = [0.0] * len(data)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and data[order[j + 1]] == data[order[i]]:
            j += 1
        r = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = r
        i = j + 1
    return ranks


class LinearRegression(tuple):
    def __new__(cls, slope, intercept):
        return tuple.__new__(cls, (slope, intercept))

    @property
    def slope(self):
        return self[0]

    @property
    def intercept(self):
        return self[1]

    def __repr__(self):
        return 'LinearRegression(slope=%r, intercept=%r)' % (self[0], self[1])


def linear_regression(x, y, /, *, proportional=False):
    n = len(x)
    if len(y) != n:
        raise StatisticsError('linear regression requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('linear regression requires at least two data points')
    if not proportional:
        xbar = math.fsum(x) / n
        ybar = math.fsum(y) / n
        x = [xi - xbar for xi in x]
        y = [yi - ybar for yi in y]
    sxy = math.fsum([xi * yi for xi, yi in zip(x, y)])
    sxx = math.fsum([xi * xi for xi in x])
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError('x is constant')
    intercept = 0.0 if proportional else ybar - slope * xbar
    return LinearRegression(slope, intercept)


class NormalDist:
    def __init__(self, mu=0.0, sigma=1.0):
        raise NotImplementedError('statistics.NormalDist is not supported by Molt yet')
