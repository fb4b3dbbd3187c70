# json.decoder — the JSON parser for Molt (written for Molt from the
# documented behaviour of CPython 3.12): a recursive-descent scanner that
# reports CPython's JSONDecodeError messages and positions.
# Neighbours: json/__init__.py (loads/load), json/encoder.py.

__all__ = ['JSONDecoder', 'JSONDecodeError']

_WS = ' \t\n\r'
_ESCAPES = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
_HEX = '0123456789abcdefABCDEF'


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        ValueError.__init__(self, '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_CONSTANTS = {'NaN': float('nan'), 'Infinity': float('inf'), '-Infinity': float('-inf')}


class JSONDecoder:
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        obj, end = self.raw_decode(s, _skip(s, 0))
        end = _skip(s, end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return obj

    def raw_decode(self, s, idx=0):
        try:
            return self._value(s, idx)
        except _NoValue as e:
            raise JSONDecodeError('Expecting value', s, e.pos)

    # -- scanner
    def _value(self, s, i):
        if i >= len(s):
            raise _NoValue(i)
        c = s[i]
        if c == '"':
            return self._string(s, i + 1)
        if c == '{':
            return self._object(s, i + 1)
        if c == '[':
            return self._array(s, i + 1)
        if c == 'n' and s.startswith('null', i):
            return None, i + 4
        if c == 't' and s.startswith('true', i):
            return True, i + 4
        if c == 'f' and s.startswith('false', i):
            return False, i + 5
        if c == 'N' and s.startswith('NaN', i):
            return self.parse_constant('NaN'), i + 3
        if c == 'I' and s.startswith('Infinity', i):
            return self.parse_constant('Infinity'), i + 8
        if c == '-' and s.startswith('-Infinity', i):
            return self.parse_constant('-Infinity'), i + 9
        if c == '-' or '0' <= c <= '9':
            return self._number(s, i)
        raise _NoValue(i)

    def _number(self, s, i):
        n = len(s)
        start = i
        if s[i] == '-':
            i += 1
        if i >= n or not ('0' <= s[i] <= '9'):
            raise _NoValue(start)
        if s[i] == '0':
            i += 1
        else:
            while i < n and '0' <= s[i] <= '9':
                i += 1
        is_float = False
        if i + 1 < n and s[i] == '.' and '0' <= s[i + 1] <= '9':
            i += 2
            while i < n and '0' <= s[i] <= '9':
                i += 1
            is_float = True
        if i < n and s[i] in 'eE':
            j = i + 1
            if j < n and s[j] in '+-':
                j += 1
            if j < n and '0' <= s[j] <= '9':
                while j < n and '0' <= s[j] <= '9':
                    j += 1
                i = j
                is_float = True
        text = s[start:i]
        if is_float:
            return self.parse_float(text), i
        return self.parse_int(text), i

    def _string(self, s, i):
        begin = i - 1
        n = len(s)
        chunks = []
        strict = self.strict
        while True:
            j = i
            while j < n:
                c = s[j]
                if c == '"' or c == '\\' or (c < ' ' and strict):
                    break
                j += 1
            if j >= n:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            if j > i:
                chunks.append(s[i:j])
            c = s[j]
            if c == '"':
                return ''.join(chunks), j + 1
            if c != '\\':
                raise JSONDecodeError('Invalid control character at', s, j)
            j += 1
            if j >= n:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            e = s[j]
            if e != 'u':
                if e not in _ESCAPES:
                    raise JSONDecodeError('Invalid \\escape', s, j - 1)
                chunks.append(_ESCAPES[e])
                i = j + 1
                continue
            code = _hex4(s, j + 1)
            if code < 0:
                raise JSONDecodeError('Invalid \\uXXXX escape', s, j)
            i = j + 5
            if 0xD800 <= code <= 0xDBFF and s.startswith('\\u', i):
                low = _hex4(s, i + 2)
                if low < 0:
                    raise JSONDecodeError('Invalid \\uXXXX escape', s, i + 1)
                if 0xDC00 <= low <= 0xDFFF:
                    code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                    i += 6
            chunks.append(chr(code))

    def _object(self, s, i):
        pairs = []
        i = _skip(s, i)
        n = len(s)
        if i < n and s[i] == '}':
            return self._finish_object(pairs), i + 1
        while True:
            if i >= n or s[i] != '"':
                raise JSONDecodeError('Expecting property name enclosed in double quotes', s, i)
            key, i = self._string(s, i + 1)
            i = _skip(s, i)
            if i >= n or s[i] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            i = _skip(s, i + 1)
            try:
                value, i = self._value(s, i)
            except _NoValue as e:
                raise JSONDecodeError('Expecting value', s, e.pos)
            pairs.append((key, value))
            i = _skip(s, i)
            if i < n and s[i] == '}':
                return self._finish_object(pairs), i + 1
            if i >= n or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip(s, i + 1)

    def _finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        obj = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(obj)
        return obj

    def _array(self, s, i):
        values = []
        i = _skip(s, i)
        n = len(s)
        if i < n and s[i] == ']':
            return values, i + 1
        while True:
            try:
                value, i = self._value(s, i)
            except _NoValue as e:
                raise JSONDecodeError('Expecting value', s, e.pos)
            values.append(value)
            i = _skip(s, i)
            if i < n and s[i] == ']':
                return values, i + 1
            if i >= n or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip(s, i + 1)


class _NoValue(Exception):
    def __init__(self, pos):
        Exception.__init__(self, pos)
        self.pos = pos


def _skip(s, i):
    n = len(s)
    while i < n and s[i] in _WS:
        i += 1
    return i


def _hex4(s, i):
    digits = s[i:i + 4]
    if len(digits) != 4:
        return -1
    for d in digits:
        if d not in _HEX:
            return -1
    return int(digits, 16)
