# fractions — exact rational numbers for Molt (written for Molt from the
# documented behaviour of CPython 3.12): Fraction from ints, pairs, floats,
# strings and other Fractions; arithmetic mixed with int/float/complex;
# comparisons; hashing equal to the hash of equal ints and floats;
# limit_denominator, as_integer_ratio, is_integer, round/floor/ceil.
# Neighbours: math (floor/ceil protocol), numbers-free (no ABC registration).
import math

__all__ = ['Fraction']

_PyHASH_MODULUS = 2305843009213693951   # 2**61 - 1, CPython's hash modulus on 64-bit hosts
_PyHASH_INF = 314159


def _gcd(a, b):
    a = -a if a < 0 else a
    b = -b if b < 0 else b
    while b:
        a, b = b, a % b
    return a


def _parse(text):
    """(numerator, denominator) of a Fraction string, or None."""
    s = text.strip()
    if '__' in s or s.startswith('_') or s.endswith('_'):
        return None
    s = s.replace('_', '')
    if not s:
        return None
    sign = 1
    if s[0] in '+-':
        if s[0] == '-':
            sign = -1
        s = s[1:]
    if '/' in s:
        num_s, _, den_s = s.partition('/')
        num_s = num_s.rstrip()
        den_s = den_s.lstrip()
        if not num_s.isdigit() or not den_s.isdigit() or not num_s.isascii() or not den_s.isascii():
            return None
        return sign * int(num_s), int(den_s)
    mant, exp = s, 0
    lower = s.lower()
    if 'e' in lower:
        k = lower.index('e')
        mant = s[:k]
        exp_s = s[k + 1:]
        if exp_s[:1] in ('+', '-'):
            digits = exp_s[1:]
        else:
            digits = exp_s
        if not digits.isdigit() or not digits.isascii():
            return None
        exp = int(exp_s)
    int_part, dot, frac_part = mant.partition('.')
    if not int_part and not frac_part:
        return None
    for part in (int_part, frac_part):
        if part and not (part.isdigit() and part.isascii()):
            return None
    num = int(int_part + frac_part) if (int_part + frac_part) else 0
    den = 10 ** len(frac_part)
    if exp >= 0:
        num *= 10 ** exp
    else:
        den *= 10 ** (-exp)
    return sign * num, den


class Fraction:
    __slots__ = ('_numerator', '_denominator')

    def __new__(cls, numerator=0, denominator=None):
        self = object.__new__(cls)
        if denominator is None:
            if type(numerator) is int or (isinstance(numerator, int) and not isinstance(numerator, bool)):
                self._numerator = int(numerator)
                self._denominator = 1
                return self
            if isinstance(numerator, bool):
                self._numerator = int(numerator)
                self._denominator = 1
                return self
            if isinstance(numerator, Fraction):
                self._numerator = numerator._numerator
                self._denominator = numerator._denominator
                return self
            if isinstance(numerator, float):
                if numerator != numerator:
                    raise ValueError('cannot convert NaN to integer ratio')
                if numerator in (math.inf, -math.inf):
                    raise OverflowError('cannot convert Infinity to integer ratio')
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            if isinstance(numerator, str):
                r = _parse(numerator)
                if r is None:
                    raise ValueError('Invalid literal for Fraction: %r' % numerator)
                numerator, denominator = r
                if denominator == 0:
                    raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
            elif hasattr(numerator, 'as_integer_ratio'):
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            else:
                raise TypeError('argument should be a string or a Rational instance')
        else:
            if isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
                n1, d1 = _pair(numerator)
                n2, d2 = _pair(denominator)
                numerator, denominator = n1 * d2, d1 * n2
            elif not (isinstance(numerator, int) and isinstance(denominator, int)):
                raise TypeError('both arguments should be Rational instances')
            numerator = int(numerator)
            denominator = int(denominator)
        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        g = _gcd(numerator, denominator)
        if denominator < 0:
            g = -g
        self._numerator = numerator // g
        self._denominator = denominator // g
        return self

    @classmethod
    def _raw(cls, n, d):
        self = object.__new__(cls)
        self._numerator = n
        self._denominator = d
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)' % (cls.__name__, f, type(f).__name__))
        return cls(f)

    @classmethod
    def from_decimal(cls, dec):
        raise NotImplementedError('fractions.Fraction.from_decimal is not supported by Molt yet')

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    def as_integer_ratio(self):
        return self._numerator, self._denominator

    def is_integer(self):
        return self._denominator == 1

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self._denominator:
            return Fraction._raw(p1, q1)
        return Fraction._raw(p0 + k * p1, q0 + k * q1)

    def __repr__(self):
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    def __format__(self, format_spec):
        if not format_spec:
            return str(self)
        kind = format_spec[-1]
        if kind in 'eEfFgG%':
            return format(float(self), format_spec)
        return format(str(self), format_spec)

    # -- arithmetic
    def _operate(self, other, op, reverse):
        if isinstance(other, Fraction):
            b = other
        elif isinstance(other, int):
            b = Fraction._raw(int(other), 1)
        elif isinstance(other, float):
            return _float_op(op, float(self), other, reverse)
        elif isinstance(other, complex):
            x = complex(float(self))
            return _float_op(op, x, other, reverse)
        else:
            return NotImplemented
        if reverse:
            return op(b, self)
        return op(self, b)

    def __add__(self, other):
        return self._operate(other, _add, False)

    def __radd__(self, other):
        return self._operate(other, _add, True)

    def __sub__(self, other):
        return self._operate(other, _sub, False)

    def __rsub__(self, other):
        return self._operate(other, _sub, True)

    def __mul__(self, other):
        return self._operate(other, _mul, False)

    def __rmul__(self, other):
        return self._operate(other, _mul, True)

    def __truediv__(self, other):
        return self._operate(other, _div, False)

    def __rtruediv__(self, other):
        return self._operate(other, _div, True)

    def __floordiv__(self, other):
        return self._operate(other, _floordiv, False)

    def __rfloordiv__(self, other):
        return self._operate(other, _floordiv, True)

    def __mod__(self, other):
        return self._operate(other, _mod, False)

    def __rmod__(self, other):
        return self._operate(other, _mod, True)

    def __divmod__(self, other):
        return self._operate(other, _divmod, False)

    def __rdivmod__(self, other):
        return self._operate(other, _divmod, True)

    def __pow__(self, b):
        if isinstance(b, int) or (isinstance(b, Fraction) and b._denominator == 1):
            power = int(b) if isinstance(b, int) else b._numerator
            if power >= 0:
                return Fraction._raw(self._numerator ** power, self._denominator ** power)
            if self._numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % (self._denominator ** -power))
            if self._numerator > 0:
                return Fraction._raw(self._denominator ** -power, self._numerator ** -power)
            return Fraction._raw((-self._denominator) ** -power, (-self._numerator) ** -power)
        if isinstance(b, (float, complex)):
            return float(self) ** b
        if isinstance(b, Fraction):
            return float(self) ** float(b)
        return NotImplemented

    def __rpow__(self, a):
        if self._denominator == 1 and self._numerator >= 0:
            return a ** self._numerator
        if isinstance(a, int):
            return Fraction._raw(int(a), 1) ** self
        if isinstance(a, (float, complex)):
            return a ** float(self)
        return NotImplemented

    def __pos__(self):
        return Fraction._raw(self._numerator, self._denominator)

    def __neg__(self):
        return Fraction._raw(-self._numerator, self._denominator)

    def __abs__(self):
        return Fraction._raw(abs(self._numerator), self._denominator)

    def __int__(self):
        if self._numerator < 0:
            return -(-self._numerator // self._denominator)
        return self._numerator // self._denominator

    def __trunc__(self):
        return self.__int__()

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            d = self._denominator
            floor, remainder = divmod(self._numerator, d)
            if remainder * 2 < d:
                return floor
            if remainder * 2 > d:
                return floor + 1
            if floor % 2 == 0:
                return floor
            return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(self):
        return self._numerator / self._denominator

    def __bool__(self):
        return self._numerator != 0

    def __hash__(self):
        d = self._denominator
        dinv = pow(d, _PyHASH_MODULUS - 2, _PyHASH_MODULUS)
        if not dinv:
            h = _PyHASH_INF
        else:
            h = abs(self._numerator) % _PyHASH_MODULUS * dinv % _PyHASH_MODULUS
        result = h if self._numerator >= 0 else -h
        return -2 if result == -1 else result

    # -- comparisons
    def __eq__(self, other):
        if isinstance(other, Fraction):
            return self._numerator == other._numerator and self._denominator == other._denominator
        if isinstance(other, int):
            return self._numerator == other and self._denominator == 1
        if isinstance(other, complex):
            if other.imag != 0:
                return False
            other = other.real
        if isinstance(other, float):
            if other != other or other in (math.inf, -math.inf):
                return 0.0 == other
            return self == Fraction(other)
        return NotImplemented

    def _cmp(self, other):
        if isinstance(other, Fraction):
            return self._numerator * other._denominator - other._numerator * self._denominator
        if isinstance(other, int):
            return self._numerator - other * self._denominator
        if isinstance(other, float):
            if other != other:
                return None
            if other == math.inf:
                return -1
            if other == -math.inf:
                return 1
            return self._cmp(Fraction(other))
        return NotImplemented

    def __lt__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c < 0

    def __le__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c <= 0

    def __gt__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c > 0

    def __ge__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c >= 0

    def __reduce__(self):
        return (self.__class__, (self._numerator, self._denominator))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _pair(x):
    if isinstance(x, Fraction):
        return x._numerator, x._denominator
    if isinstance(x, int):
        return int(x), 1
    raise TypeError('both arguments should be Rational instances')


def _float_op(op, x, other, reverse):
    if op is _add:
        return other + x if reverse else x + other
    if op is _sub:
        return other - x if reverse else x - other
    if op is _mul:
        return other * x if reverse else x * other
    if op is _div:
        return other / x if reverse else x / other
    if op is _floordiv:
        return other // x if reverse else x // other
    if op is _mod:
        return other % x if reverse else x % other
    return divmod(other, x) if reverse else divmod(x, other)


def _make(n, d):
    if d == 0:
        raise ZeroDivisionError('Fraction(%s, 0)' % n)
    g = _gcd(n, d)
    if d < 0:
        g = -g
    return Fraction._raw(n // g, d // g)


def _add(a, b):
    return _make(a._numerator * b._denominator + b._numerator * a._denominator, a._denominator * b._denominator)


def _sub(a, b):
    return _make(a._numerator * b._denominator - b._numerator * a._denominator, a._denominator * b._denominator)


def _mul(a, b):
    return _make(a._numerator * b._numerator, a._denominator * b._denominator)


def _div(a, b):
    return _make(a._numerator * b._denominator, a._denominator * b._numerator)


def _floordiv(a, b):
    return (a._numerator * b._denominator) // (a._denominator * b._numerator)


def _mod(a, b):
    da, db = a._denominator, b._denominator
    return _make((a._numerator * db) % (b._numerator * da), da * db)


def _divmod(a, b):
    da, db = a._denominator, b._denominator
    div, n_mod = divmod(a._numerator * db, da * b._numerator)
    return div, _make(n_mod, da * db)
