# binascii — conversions between binary data and ASCII encodings for Molt
# (written for Molt from the documented behaviour of CPython 3.12):
# hexlify/unhexlify (b2a_hex/a2b_hex), b2a_base64/a2b_base64, crc32, Error.
# Neighbours: base64 (built on these).

__all__ = ['Error', 'Incomplete', 'hexlify', 'unhexlify', 'b2a_hex', 'a2b_hex',
           'b2a_base64', 'a2b_base64', 'crc32']

try:
    _BUFFER_TYPES = (bytearray, memoryview)
except NameError:   # a runtime without memoryview
    _BUFFER_TYPES = (bytearray,)


class Error(ValueError):
    pass


class Incomplete(Exception):
    pass


_B64 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
_B64_REV = [-1] * 256
for _i in range(64):
    _B64_REV[_B64[_i]] = _i
_HEXDIGITS = b'0123456789abcdef'


def _bytes_like(data, name='a bytes-like object'):
    if isinstance(data, bytes):
        return data
    if isinstance(data, _BUFFER_TYPES):
        return bytes(data)
    raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)


def _ascii_input(data):
    if isinstance(data, str):
        try:
            return data.encode('ascii')
        except UnicodeEncodeError:
            raise ValueError('string argument should contain only ASCII characters')
    return _bytes_like(data)


def hexlify(data, sep=None, bytes_per_sep=1):
    data = _bytes_like(data)
    out = bytearray()
    for b in data:
        out.append(_HEXDIGITS[b >> 4])
        out.append(_HEXDIGITS[b & 15])
    if sep is not None and data:
        if isinstance(sep, str):
            sep = sep.encode('ascii')
        text = bytes(out)
        groups = []
        step = 2 * abs(bytes_per_sep)
        if bytes_per_sep >= 0:
            first = len(text) % step or step
            groups.append(text[:first])
            i = first
            while i < len(text):
                groups.append(text[i:i + step])
                i += step
        else:
            i = 0
            while i < len(text):
                groups.append(text[i:i + step])
                i += step
        return sep.join(groups)
    return bytes(out)


b2a_hex = hexlify


def unhexlify(hexstr):
    data = _ascii_input(hexstr)
    if len(data) % 2:
        raise Error('Odd-length string')
    out = bytearray()
    for i in range(0, len(data), 2):
        hi = _hexval(data[i])
        lo = _hexval(data[i + 1])
        if hi < 0 or lo < 0:
            raise Error('Non-hexadecimal digit found')
        out.append(hi * 16 + lo)
    return bytes(out)


a2b_hex = unhexlify


def _hexval(c):
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    return -1


def b2a_base64(data, *, newline=True):
    data = _bytes_like(data)
    out = bytearray()
    n = len(data)
    i = 0
    while i + 3 <= n:
        v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out.append(_B64[v >> 18])
        out.append(_B64[(v >> 12) & 63])
        out.append(_B64[(v >> 6) & 63])
        out.append(_B64[v & 63])
        i += 3
    rest = n - i
    if rest == 1:
        v = data[i] << 16
        out.append(_B64[v >> 18])
        out.append(_B64[(v >> 12) & 63])
        out += b'=='
    elif rest == 2:
        v = (data[i] << 16) | (data[i + 1] << 8)
        out.append(_B64[v >> 18])
        out.append(_B64[(v >> 12) & 63])
        out.append(_B64[(v >> 6) & 63])
        out += b'='
    if newline:
        out.append(10)
    return bytes(out)


def a2b_base64(data, *, strict_mode=False):
    data = _ascii_input(data)
    out = bytearray()
    quad = 0
    acc = 0
    pads = 0
    count = 0
    if strict_mode and data and data[0] == 61:
        raise Error('Leading padding not allowed')
    for idx in range(len(data)):
        c = data[idx]
        if c == 61:
            if quad >= 2 and quad + pads + 1 >= 4:
                if strict_mode and idx + 1 < len(data):
                    raise Error('Excess data after padding')
                return bytes(out)
            pads += 1
            continue
        v = _B64_REV[c]
        if v < 0:
            if strict_mode:
                raise Error('Only base64 data is allowed')
            continue
        if strict_mode and pads:
            raise Error('Discontinuous padding not allowed')
        pads = 0
        count += 1
        if quad == 0:
            acc = v
            quad = 1
        elif quad == 1:
            out.append(((acc << 2) | (v >> 4)) & 255)
            acc = v & 15
            quad = 2
        elif quad == 2:
            out.append(((acc << 4) | (v >> 2)) & 255)
            acc = v & 3
            quad = 3
        else:
            out.append(((acc << 6) | v) & 255)
            quad = 0
    if quad:
        if quad == 1:
            raise Error('Invalid base64-encoded string: number of data characters (%d) cannot be 1 more than a multiple of 4' % count)
        raise Error('Incorrect padding')
    return bytes(out)


_CRC_TABLE = []
for _n in range(256):
    _c = _n
    for _k in range(8):
        if _c & 1:
            _c = 0xEDB88320 ^ (_c >> 1)
        else:
            _c >>= 1
    _CRC_TABLE.append(_c)


def crc32(data, value=0):
    data = _bytes_like(data)
    crc = (value & 0xFFFFFFFF) ^ 0xFFFFFFFF
    table = _CRC_TABLE
    for b in data:
        crc = table[(crc ^ b) & 255] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def crc_hqx(data, value):
    data = _bytes_like(data)
    crc = value & 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc
