# struct — packing values into bytes for Molt (written for Molt from the
# documented behaviour of CPython 3.12): pack, unpack, calcsize, pack_into,
# unpack_from, iter_unpack and Struct, for the byte orders @ = < > ! and the
# codes x c b B ? h H i I l L q Q n N e f d s p P. Floats are converted to
# and from IEEE 754 bits with exact integer arithmetic (round half to even).
# Native mode ('@', the default) uses the sizes and alignment of the host
# (64-bit: l/L/n/N/P are 8 bytes; 32-bit/wasm32: 4).
# Neighbours: math (frexp, ldexp, isinf, isnan), sys (maxsize).
import math
import sys

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack', 'Struct', 'error']

try:
    _BUFFER_TYPES = (bytearray, memoryview)
except NameError:   # a runtime without memoryview
    _BUFFER_TYPES = (bytearray,)


class error(Exception):
    pass


_PTR = 8 if sys.maxsize > 2 ** 32 else 4

# code -> (standard size, native size, kind)   kind: 'int' signed, 'uint', 'float', 'bool', 'pad', 'char', 'str', 'pstr'
_CODES = {
    'x': (1, 1, 'pad'), 'c': (1, 1, 'char'), 'b': (1, 1, 'int'), 'B': (1, 1, 'uint'),
    '?': (1, 1, 'bool'), 'h': (2, 2, 'int'), 'H': (2, 2, 'uint'), 'i': (4, 4, 'int'),
    'I': (4, 4, 'uint'), 'l': (4, _PTR, 'int'), 'L': (4, _PTR, 'uint'), 'q': (8, 8, 'int'),
    'Q': (8, 8, 'uint'), 'n': (0, _PTR, 'int'), 'N': (0, _PTR, 'uint'), 'e': (2, 2, 'float'),
    'f': (4, 4, 'float'), 'd': (8, 8, 'float'), 's': (1, 1, 'str'), 'p': (1, 1, 'pstr'),
    'P': (0, _PTR, 'uint'),
}
_NATIVE_ONLY = 'nNP'


def _parse(fmt):
    """(little_endian, native, items, size); items are (code, count, offset, size)."""
    if isinstance(fmt, (bytes, bytearray)):
        fmt = bytes(fmt).decode('latin-1')
    elif not isinstance(fmt, str):
        raise TypeError("Struct() argument 1 must be a str or bytes object, not %s" % type(fmt).__name__)
    i = 0
    n = len(fmt)
    native = True
    little = sys.byteorder == 'little'
    if n and fmt[0] in '@=<>!':
        c = fmt[0]
        i = 1
        if c == '@':
            native = True
        else:
            native = False
            if c == '<':
                little = True
            elif c == '>' or c == '!':
                little = False
    items = []
    offset = 0
    while i < n:
        c = fmt[i]
        if c in ' \t\n\r\x0b\x0c':
            i += 1
            continue
        count = 1
        if '0' <= c <= '9':
            j = i
            while j < n and '0' <= fmt[j] <= '9':
                j += 1
            count = int(fmt[i:j])
            if j >= n:
                raise error('repeat count given without format specifier')
            i = j
            c = fmt[i]
        spec = _CODES.get(c)
        if spec is None or (not native and c in _NATIVE_ONLY):
            raise error('bad char in struct format')
        size = spec[1] if native else spec[0]
        if native and size > 1:
            offset = (offset + size - 1) // size * size
        if spec[2] in ('str', 'pstr'):
            items.append((c, count, offset, count))
            offset += count
        else:
            items.append((c, count, offset, size))
            offset += size * count
        i += 1
    return little, native, items, offset


def _int_bytes(v, size, little):
    data = (v & ((1 << (8 * size)) - 1)).to_bytes(size, 'little' if little else 'big')
    return data


def _check_int(v, code):
    if not isinstance(v, int):
        idx = getattr(v, '__index__', None)
        if idx is None:
            raise error('required argument is not an integer')
        v = idx()
    return v


def _float_bits(x, exp_bits, man_bits, code):
    """IEEE 754 bits of float x in a format with the given exponent and mantissa widths."""
    bias = (1 << (exp_bits - 1)) - 1
    sign = 1 if math.copysign(1.0, x) < 0 else 0
    if x != x:
        return (sign << (exp_bits + man_bits)) | (((1 << exp_bits) - 1) << man_bits) | (1 << (man_bits - 1))
    if math.isinf(x):
        return (sign << (exp_bits + man_bits)) | (((1 << exp_bits) - 1) << man_bits)
    x = abs(x)
    if x == 0.0:
        return sign << (exp_bits + man_bits)
    num, den = x.as_integer_ratio()
    # find e with 2**e <= x < 2**(e+1)
    e = num.bit_length() - den.bit_length()
    if (num << max(0, -e)) < (den << max(0, e)):
        e -= 1
    if e < 1 - bias:
        e = 1 - bias   # subnormal: fixed scale
        subnormal = True
    else:
        subnormal = False
    # mantissa = x / 2**e * 2**man_bits, rounded half to even
    shift = man_bits - e
    if shift >= 0:
        q, r = divmod(num << shift, den)
        twice = 2 * r
    else:
        q, r = divmod(num, den << (-shift))
        twice = 2 * r
        den = den << (-shift)
    if twice > den or (twice == den and q & 1):
        q += 1
    if subnormal:
        if q >= (1 << man_bits):
            # rounded up into the normal range
            return (sign << (exp_bits + man_bits)) | (1 << man_bits) | (q - (1 << man_bits))
        return (sign << (exp_bits + man_bits)) | q
    if q >= (2 << man_bits):
        q >>= 1
        e += 1
    biased = e + bias
    if biased >= (1 << exp_bits) - 1:
        raise OverflowError('float too large to pack with %s format' % code)
    return (sign << (exp_bits + man_bits)) | (biased << man_bits) | (q - (1 << man_bits))


def _bits_float(bits, exp_bits, man_bits):
    bias = (1 << (exp_bits - 1)) - 1
    sign = -1.0 if (bits >> (exp_bits + man_bits)) & 1 else 1.0
    biased = (bits >> man_bits) & ((1 << exp_bits) - 1)
    man = bits & ((1 << man_bits) - 1)
    if biased == (1 << exp_bits) - 1:
        if man:
            return math.nan if sign > 0 else -math.nan
        return sign * math.inf
    if biased == 0:
        # two steps, so that no intermediate power of two is itself subnormal
        return sign * math.ldexp(math.ldexp(float(man), -man_bits), 1 - bias)
    return sign * math.ldexp(float(man + (1 << man_bits)), biased - bias - man_bits)


_FLOAT_LAYOUT = {'e': (5, 10), 'f': (8, 23), 'd': (11, 52)}


def _to_float(v):
    if isinstance(v, float):
        return v
    f = getattr(v, '__float__', None)
    if f is None:
        idx = getattr(v, '__index__', None)
        if idx is None:
            raise error('required argument is not a float')
        return float(idx())
    return f()


class Struct:
    def __init__(self, format):
        self._little, self._native, self._items, self.size = _parse(format)
        if isinstance(format, (bytes, bytearray)):
            format = bytes(format).decode('latin-1')
        self.format = format
        nargs = 0
        for code, count, off, size in self._items:
            if code in 'sp':
                nargs += 1
            elif code != 'x':
                nargs += count
        self._nargs = nargs

    def pack(self, *values):
        out = bytearray(self.size)
        self._pack_into(out, 0, values, 'pack')
        return bytes(out)

    def pack_into(self, buffer, offset, *values):
        size = len(buffer)
        if offset < 0:
            if offset + size < 0:
                raise error('offset %d out of range for %d-byte buffer' % (offset, size))
            offset += size
        if size - offset < self.size:
            raise error('pack_into requires a buffer of at least %d bytes for packing %d bytes at offset %d (actual buffer size is %d)'
                        % (self.size + offset, self.size, offset, size))
        self._pack_into(buffer, offset, values, 'pack_into')

    def _pack_into(self, out, base, values, who):
        if len(values) != self._nargs:
            raise error('%s expected %d items for packing (got %d)' % (who, self._nargs, len(values)))
        little = self._little
        k = 0
        for code, count, off, size in self._items:
            pos = base + off
            kind = _CODES[code][2]
            if kind == 'pad':
                continue
            if kind == 'str' or kind == 'pstr':
                v = values[k]
                k += 1
                if not isinstance(v, (bytes, bytearray)):
                    raise error("argument for '%s' must be a bytes object" % code)
                v = bytes(v)
                if kind == 'pstr':
                    if count == 0:
                        continue
                    n = min(len(v), count - 1, 255)
                    out[pos] = n
                    out[pos + 1:pos + 1 + n] = v[:n]
                else:
                    n = min(len(v), count)
                    out[pos:pos + n] = v[:n]
                continue
            for j in range(count):
                v = values[k]
                k += 1
                p = pos + j * size
                if kind == 'int' or kind == 'uint':
                    v = _check_int(v, code)
                    if kind == 'int':
                        lo = -(1 << (8 * size - 1))
                        hi = (1 << (8 * size - 1)) - 1
                    else:
                        lo = 0
                        hi = (1 << (8 * size)) - 1
                    if v < lo or v > hi:
                        raise error("'%s' format requires %d <= number <= %d" % (code, lo, hi))
                    out[p:p + size] = _int_bytes(v, size, little)
                elif kind == 'float':
                    exp_bits, man_bits = _FLOAT_LAYOUT[code]
                    bits = _float_bits(_to_float(v), exp_bits, man_bits, code)
                    out[p:p + size] = _int_bytes(bits, size, little)
                elif kind == 'bool':
                    out[p] = 1 if v else 0
                elif kind == 'char':
                    if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
                        raise error('char format requires a bytes object of length 1')
                    out[p] = v[0]

    def unpack(self, buffer):
        data = _as_bytes(buffer)
        if len(data) != self.size:
            raise error('unpack requires a buffer of %d bytes' % self.size)
        return self._unpack_at(data, 0)

    def unpack_from(self, buffer, offset=0):
        data = _as_bytes(buffer)
        size = len(data)
        if offset < 0:
            if offset + size < 0:
                raise error('offset %d out of range for %d-byte buffer' % (offset, size))
            offset += size
        if size - offset < self.size:
            if offset > size:
                raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset %d (actual buffer size is %d)'
                            % (self.size + offset, self.size, offset, size))
            raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset %d (actual buffer size is %d)'
                        % (self.size + offset, self.size, offset, size))
        return self._unpack_at(data, offset)

    def iter_unpack(self, buffer):
        data = _as_bytes(buffer)
        if self.size == 0:
            raise error('cannot iteratively unpack with a struct of length 0')
        if len(data) % self.size:
            raise error('iterative unpacking requires a buffer of a multiple of %d bytes' % self.size)
        return _iter(self, data)

    def _unpack_at(self, data, base):
        little = self._little
        order = 'little' if little else 'big'
        out = []
        for code, count, off, size in self._items:
            pos = base + off
            kind = _CODES[code][2]
            if kind == 'pad':
                continue
            if kind == 'str':
                out.append(bytes(data[pos:pos + count]))
                continue
            if kind == 'pstr':
                if count == 0:
                    out.append(b'')
                    continue
                n = min(data[pos], count - 1)
                out.append(bytes(data[pos + 1:pos + 1 + n]))
                continue
            for j in range(count):
                p = pos + j * size
                chunk = data[p:p + size]
                if kind == 'int':
                    out.append(int.from_bytes(chunk, order, signed=True))
                elif kind == 'uint':
                    out.append(int.from_bytes(chunk, order))
                elif kind == 'float':
                    exp_bits, man_bits = _FLOAT_LAYOUT[code]
                    out.append(_bits_float(int.from_bytes(chunk, order), exp_bits, man_bits))
                elif kind == 'bool':
                    out.append(chunk[0] != 0)
                elif kind == 'char':
                    out.append(bytes(chunk))
        return tuple(out)


def _iter(st, data):
    for i in range(0, len(data), st.size):
        yield st._unpack_at(data, i)


def _as_bytes(buffer):
    if isinstance(buffer, bytes):
        return buffer
    if isinstance(buffer, _BUFFER_TYPES):
        return bytes(buffer)
    if isinstance(buffer, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return bytes(buffer)


_cache = {}


def _struct(fmt):
    s = _cache.get(fmt)
    if s is None:
        s = Struct(fmt)
        if len(_cache) > 100:
            _cache.clear()
        _cache[fmt] = s
    return s


def calcsize(format):
    return _struct(format).size


def pack(format, *values):
    return _struct(format).pack(*values)


def pack_into(format, buffer, offset, *values):
    return _struct(format).pack_into(buffer, offset, *values)


def unpack(format, buffer):
    return _struct(format).unpack(buffer)


def unpack_from(format, buffer, offset=0):
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return _struct(format).iter_unpack(buffer)


def _clearcache():
    _cache.clear()
