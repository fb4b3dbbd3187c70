# base64 — Base16/32/64 encodings for Molt (written for Molt from the
# documented behaviour of CPython 3.12): b64encode/b64decode (with altchars
# and validate), standard_/urlsafe_ variants, b32encode/b32decode,
# b32hexencode/b32hexdecode, b16encode/b16decode, encodebytes/decodebytes.
# Errors are binascii.Error, as in CPython.
# Neighbours: binascii (the base64 and hex codecs).
import binascii

__all__ = ['encode', 'decode', 'encodebytes', 'decodebytes', 'b64encode', 'b64decode',
           'b32encode', 'b32decode', 'b32hexencode', 'b32hexdecode', 'b16encode', 'b16decode',
           'b85encode', 'b85decode', 'a85encode', 'a85decode', 'standard_b64encode',
           'standard_b64decode', 'urlsafe_b64encode', 'urlsafe_b64decode']

bytes_types = (bytes, bytearray)

try:
    _BUFFER_TYPES = (bytearray, memoryview)
except NameError:   # a runtime without memoryview
    _BUFFER_TYPES = (bytearray,)


def _bytes_from_decode_data(s):
    if isinstance(s, str):
        try:
            return s.encode('ascii')
        except UnicodeEncodeError:
            raise ValueError('string argument should contain only ASCII characters')
    if isinstance(s, bytes_types):
        return bytes(s)
    if isinstance(s, _BUFFER_TYPES):
        return bytes(s)
    raise TypeError('argument should be a bytes-like object or ASCII string, not %r' % s.__class__.__name__)


def _input(s):
    if isinstance(s, bytes):
        return s
    if isinstance(s, _BUFFER_TYPES):
        return bytes(s)
    raise TypeError("a bytes-like object is required, not '%s'" % type(s).__name__)


def _translate(data, frm, to):
    if not frm:
        return data
    table = {frm[0]: to[0], frm[1]: to[1]}
    return bytes([table.get(b, b) for b in data])


def b64encode(s, altchars=None):
    encoded = binascii.b2a_base64(_input(s), newline=False)
    if altchars is not None:
        altchars = _input(altchars)
        if len(altchars) != 2:
            raise AssertionError(repr(altchars))
        return _translate(encoded, b'+/', altchars)
    return encoded


def b64decode(s, altchars=None, validate=False):
    s = _bytes_from_decode_data(s)
    if altchars is not None:
        altchars = _bytes_from_decode_data(altchars)
        if len(altchars) != 2:
            raise AssertionError(repr(altchars))
        s = _translate(s, altchars, b'+/')
    if validate:
        return binascii.a2b_base64(s, strict_mode=True)
    return binascii.a2b_base64(s)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return _translate(b64encode(s), b'+/', b'-_')


def urlsafe_b64decode(s):
    s = _bytes_from_decode_data(s)
    s = _translate(s, b'-_', b'+/')
    return b64decode(s)


_B32 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
_B32HEX = b'0123456789ABCDEFGHIJKLMNOPQRSTUV'


def _b32encode(alphabet, s):
    s = _input(s)
    out = bytearray()
    leftover = len(s) % 5
    if leftover:
        s = s + b'\0' * (5 - leftover)
    for i in range(0, len(s), 5):
        c = int.from_bytes(s[i:i + 5], 'big')
        for shift in (35, 30, 25, 20, 15, 10, 5, 0):
            out.append(alphabet[(c >> shift) & 31])
    if leftover == 1:
        out[-6:] = b'======'
    elif leftover == 2:
        out[-4:] = b'===='
    elif leftover == 3:
        out[-3:] = b'==='
    elif leftover == 4:
        out[-1:] = b'='
    return bytes(out)


def _b32decode(alphabet, s, casefold=False, map01=None):
    s = _bytes_from_decode_data(s)
    if len(s) % 8:
        raise binascii.Error('Incorrect padding')
    if map01 is not None:
        map01 = _bytes_from_decode_data(map01)
        if len(map01) != 1:
            raise AssertionError(repr(map01))
        s = bytes([(map01[0] if b == 49 else 79 if b == 48 else b) for b in s])
    if casefold:
        s = s.upper()
    n = len(s)
    stripped = s.rstrip(b'=')
    padchars = n - len(stripped)
    s = stripped
    rev = {}
    for i in range(32):
        rev[alphabet[i]] = i
    out = bytearray()
    for i in range(0, len(s), 8):
        quanta = s[i:i + 8]
        acc = 0
        for c in quanta:
            v = rev.get(c)
            if v is None:
                raise binascii.Error('Non-base32 digit found')
            acc = (acc << 5) + v
        acc <<= 5 * (8 - len(quanta))
        out += acc.to_bytes(5, 'big')
    if n % 8 or padchars not in (0, 1, 3, 4, 6):
        raise binascii.Error('Incorrect padding')
    if padchars and out:
        acc_len = (5 * (8 - padchars)) // 8
        keep = len(out) - 5 + acc_len
        del out[keep:]
    return bytes(out)


def b32encode(s):
    return _b32encode(_B32, s)


def b32decode(s, casefold=False, map01=None):
    return _b32decode(_B32, s, casefold, map01)


def b32hexencode(s):
    return _b32encode(_B32HEX, s)


def b32hexdecode(s, casefold=False):
    return _b32decode(_B32HEX, s, casefold)


def b16encode(s):
    return binascii.hexlify(_input(s)).upper()


def b16decode(s, casefold=False):
    s = _bytes_from_decode_data(s)
    if casefold:
        s = s.upper()
    for c in s:
        if not ((48 <= c <= 57) or (65 <= c <= 70)):
            raise binascii.Error('Non-base16 digit found')
    return binascii.unhexlify(s)


def encodebytes(s):
    s = _input(s)
    pieces = []
    for i in range(0, len(s), 57):
        pieces.append(binascii.b2a_base64(s[i:i + 57]))
    return b''.join(pieces)


def decodebytes(s):
    return binascii.a2b_base64(_input(s))


def encode(input, output):
    raise NotImplementedError('base64.encode is not supported by Molt yet')


def decode(input, output):
    raise NotImplementedError('base64.decode is not supported by Molt yet')


def b85encode(b, pad=False):
    raise NotImplementedError('base64.b85encode is not supported by Molt yet')


def b85decode(b):
    raise NotImplementedError('base64.b85decode is not supported by Molt yet')


def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    raise NotImplementedError('base64.a85encode is not supported by Molt yet')


def a85decode(b, *, foldspaces=False, adobe=False, ignorechars=b' \t\n\r\x0b'):
    raise NotImplementedError('base64.a85decode is not supported by Molt yet')


def z85encode(s):
    raise NotImplementedError('base64.z85encode is not supported by Molt yet')


def z85decode(s):
    raise NotImplementedError('base64.z85decode is not supported by Molt yet')
