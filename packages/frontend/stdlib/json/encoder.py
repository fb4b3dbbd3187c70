# json.encoder — the JSON serializer for Molt (written for Molt from the
# documented behaviour of CPython 3.12): JSONEncoder with indent, separators,
# sort_keys, ensure_ascii, allow_nan, skipkeys, check_circular and default.
# Neighbours: json/__init__.py (dumps/dump), json/decoder.py.

__all__ = ['JSONEncoder']

_SHORT = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}
INFINITY = float('inf')


def py_encode_basestring(s):
    out = []
    for ch in s:
        e = _SHORT.get(ch)
        if e is not None:
            out.append(e)
        elif ch < ' ':
            out.append('\\u%04x' % ord(ch))
        else:
            out.append(ch)
    return '"' + ''.join(out) + '"'


def py_encode_basestring_ascii(s):
    out = []
    for ch in s:
        if ' ' <= ch <= '~':
            if ch == '"' or ch == '\\':
                out.append(_SHORT[ch])
            else:
                out.append(ch)
            continue
        e = _SHORT.get(ch)
        if e is not None:
            out.append(e)
            continue
        code = ord(ch)
        if code < 0x10000:
            out.append('\\u%04x' % code)
        else:
            v = code - 0x10000
            out.append('\\u%04x\\u%04x' % (0xD800 | (v >> 10), 0xDC00 | (v & 0x3FF)))
    return '"' + ''.join(out) + '"'


encode_basestring = py_encode_basestring
encode_basestring_ascii = py_encode_basestring_ascii


class JSONEncoder:
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError('Object of type %s is not JSON serializable' % o.__class__.__name__)

    def encode(self, o):
        if isinstance(o, str):
            if self.ensure_ascii:
                return py_encode_basestring_ascii(o)
            return py_encode_basestring(o)
        return ''.join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        out = []
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        markers = {} if self.check_circular else None
        self._emit(o, out, indent, 0, markers)
        return out

    def _float(self, o):
        if o != o:
            text = 'NaN'
        elif o == INFINITY:
            text = 'Infinity'
        elif o == -INFINITY:
            text = '-Infinity'
        else:
            return float.__repr__(o)
        if not self.allow_nan:
            raise ValueError('Out of range float values are not JSON compliant: ' + repr(o))
        return text

    def _str(self, s):
        if self.ensure_ascii:
            return py_encode_basestring_ascii(s)
        return py_encode_basestring(s)

    def _emit(self, o, out, indent, level, markers):
        if isinstance(o, str):
            out.append(self._str(o))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(self._float(o))
        elif isinstance(o, (list, tuple)):
            self._list(o, out, indent, level, markers)
        elif isinstance(o, dict):
            self._dict(o, out, indent, level, markers)
        else:
            if markers is not None:
                key = id(o)
                if key in markers:
                    raise ValueError('Circular reference detected')
                markers[key] = o
            self._emit(self.default(o), out, indent, level, markers)
            if markers is not None:
                del markers[key]

    def _enter(self, o, markers):
        if markers is not None:
            key = id(o)
            if key in markers:
                raise ValueError('Circular reference detected')
            markers[key] = o

    def _list(self, o, out, indent, level, markers):
        if not o:
            out.append('[]')
            return
        self._enter(o, markers)
        out.append('[')
        if indent is not None:
            level += 1
            newline = '\n' + indent * level
            sep = self.item_separator + newline
            out.append(newline)
        else:
            sep = self.item_separator
        first = True
        for v in o:
            if not first:
                out.append(sep)
            first = False
            self._emit(v, out, indent, level, markers)
        if indent is not None:
            level -= 1
            out.append('\n' + indent * level)
        out.append(']')
        if markers is not None:
            del markers[id(o)]

    def _dict(self, o, out, indent, level, markers):
        if not o:
            out.append('{}')
            return
        self._enter(o, markers)
        out.append('{')
        if indent is not None:
            level += 1
            newline = '\n' + indent * level
            sep = self.item_separator + newline
            out.append(newline)
        else:
            sep = self.item_separator
        items = list(o.items())
        if self.sort_keys:
            items = sorted(items, key=_first)
        first = True
        for k, v in items:
            if isinstance(k, str):
                pass
            elif isinstance(k, float):
                k = self._float(k)
            elif k is True:
                k = 'true'
            elif k is False:
                k = 'false'
            elif k is None:
                k = 'null'
            elif isinstance(k, int):
                k = int.__repr__(k)
            elif self.skipkeys:
                continue
            else:
                raise TypeError('keys must be str, int, float, bool or None, not %s' % k.__class__.__name__)
            if not first:
                out.append(sep)
            first = False
            out.append(self._str(k))
            out.append(self.key_separator)
            self._emit(v, out, indent, level, markers)
        if indent is not None:
            level -= 1
            out.append('\n' + indent * level)
        out.append('}')
        if markers is not None:
            del markers[id(o)]


def _first(item):
    return item[0]
