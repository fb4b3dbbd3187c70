# re — regular expressions for Molt (written for Molt from the documented
# behaviour of CPython 3.12). A pattern is parsed into a small node tree,
# compiled to a list of instructions, and run by an iterative backtracking
# machine with an explicit stack (no recursion over the subject string), so
# deep inputs never exhaust the Python stack. Single-character repeats
# (`a*`, `\d+`, `[^"]*`, `.*?`) run as one counted instruction, which keeps
# the common patterns linear. Lookarounds, atomic groups and possessive
# repeats run a nested machine over their sub-program. bytes patterns are
# matched over a latin-1 view of the subject (ASCII semantics).
#
# Neighbours: `string`-like helpers only; no other stdlib module is needed.

__all__ = ['match', 'fullmatch', 'search', 'sub', 'subn', 'split', 'findall',
           'finditer', 'compile', 'purge', 'escape', 'error', 'Pattern', 'Match',
           'A', 'I', 'L', 'M', 'S', 'X', 'U', 'ASCII', 'IGNORECASE', 'LOCALE',
           'MULTILINE', 'DOTALL', 'VERBOSE', 'UNICODE', 'NOFLAG', 'RegexFlag']


# ---------------------------------------------------------------- flags

_FLAG_NAMES = [(256, 'ASCII'), (2, 'IGNORECASE'), (4, 'LOCALE'), (8, 'MULTILINE'),
               (16, 'DOTALL'), (32, 'UNICODE'), (64, 'VERBOSE'), (128, 'DEBUG')]
_FLAG_ORDER = [(2, 'IGNORECASE'), (4, 'LOCALE'), (8, 'MULTILINE'), (16, 'DOTALL'),
               (32, 'UNICODE'), (64, 'VERBOSE'), (128, 'DEBUG'), (256, 'ASCII')]


class RegexFlag(int):
    def __or__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) | int(other))
        return NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) & int(other))
        return NotImplemented

    __rand__ = __and__

    def __xor__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) ^ int(other))
        return NotImplemented

    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(~int(self) & 511)

    def __repr__(self):
        v = int(self)
        if v == 0:
            return 're.NOFLAG'
        parts = []
        for bit, name in _FLAG_ORDER:
            if v & bit:
                parts.append('re.' + name)
                v &= ~bit
        if v:
            parts.append(hex(v))
        return '|'.join(parts)

    __str__ = __repr__

    @property
    def name(self):
        for bit, name in _FLAG_NAMES:
            if int(self) == bit:
                return name
        return None

    @property
    def value(self):
        return int(self)


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
U = UNICODE = RegexFlag(32)
X = VERBOSE = RegexFlag(64)
DEBUG = RegexFlag(128)
T = TEMPLATE = RegexFlag(1)

_IGNORECASE = 2
_LOCALE = 4
_MULTILINE = 8
_DOTALL = 16
_UNICODE = 32
_VERBOSE = 64
_ASCII = 256


# ---------------------------------------------------------------- errors

class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            if isinstance(pattern, str):
                newline = '\n'
            else:
                newline = b'\n'
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        Exception.__init__(self, msg)


PatternError = error


# ---------------------------------------------------------------- character tests

_ASCII_SPACE = ' \t\n\r\f\v'
_ASCII_DIGITS = '0123456789'


def _is_word(ch, ascii_only):
    if ascii_only:
        return ch == '_' or ('a' <= ch <= 'z') or ('A' <= ch <= 'Z') or ('0' <= ch <= '9')
    return ch == '_' or ch.isalnum()


def _is_digit(ch, ascii_only):
    if ascii_only:
        return '0' <= ch <= '9'
    return ch.isdecimal()


def _is_space(ch, ascii_only):
    if ascii_only:
        return ch in _ASCII_SPACE or ch in '\x1c\x1d\x1e\x1f'
    return ch.isspace()


def _cat_test(cat, ch, ascii_only):
    if cat == 'd':
        return _is_digit(ch, ascii_only)
    if cat == 'D':
        return not _is_digit(ch, ascii_only)
    if cat == 'w':
        return _is_word(ch, ascii_only)
    if cat == 'W':
        return not _is_word(ch, ascii_only)
    if cat == 's':
        return _is_space(ch, ascii_only)
    return not _is_space(ch, ascii_only)


class _CharSet:
    """A character class: literal characters, ranges (code points) and categories."""

    def __init__(self, negate, icase, ascii_only):
        self.negate = negate
        self.icase = icase
        self.ascii_only = ascii_only
        self.chars = set()
        self.ranges = []
        self.cats = []

    def _has(self, ch):
        if ch in self.chars:
            return True
        if self.ranges:
            o = ord(ch)
            for lo, hi in self.ranges:
                if lo <= o <= hi:
                    return True
        for cat in self.cats:
            if _cat_test(cat, ch, self.ascii_only):
                return True
        return False

    def contains(self, ch):
        found = self._has(ch)
        if not found and self.icase:
            lo = ch.lower()
            up = ch.upper()
            if (len(lo) == 1 and lo != ch and self._has(lo)) or (len(up) == 1 and up != ch and self._has(up)):
                found = True
        return found != self.negate


# ---------------------------------------------------------------- parser
#
# Nodes are tuples:
#   ('lit', ch, icase)          ('any', dotall)            ('set', _CharSet)
#   ('seq', [nodes])            ('alt', [nodes])           ('group', index, node)
#   ('rep', node, min, max, mode)   mode: 0 greedy, 1 lazy, 2 possessive; max -1 = unbounded
#   ('at', kind)  kind: 'bos' 'eos' 'bol' 'eol' 'eolm' 'bolm' 'b' 'B' (with ascii flag: ('at', kind, ascii))
#   ('look', behind, negate, node)   ('backref', index, icase)   ('atomic', node)
#   ('cond', index, yes, no)

_SPECIAL_ESCAPES = {'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\'}
_REPEAT_CHARS = '*+?{'
_MAXREPEAT = 4294967295
_MAXGROUPS = 1073741823


class _Parser:
    def __init__(self, pattern, flags, is_bytes):
        self.src = pattern
        self.pos = 0
        self.flags = flags
        self.is_bytes = is_bytes
        self.groups = 1
        self.groupdict = {}
        self.open_groups = []
        self.lookbehind_groups = None
        self.grouprefpos = {}

    # -- low level
    def error(self, msg, offset=0):
        pat = self.orig
        return error(msg, pat, self.pos - offset)

    def peek(self):
        if self.pos < len(self.src):
            return self.src[self.pos]
        return None

    def at_end(self):
        return self.pos >= len(self.src)

    def skip_verbose(self):
        if not (self.flags & _VERBOSE):
            return
        src = self.src
        n = len(src)
        while self.pos < n:
            c = src[self.pos]
            if c in ' \t\n\r\f\v':
                self.pos += 1
            elif c == '#':
                while self.pos < n and src[self.pos] != '\n':
                    self.pos += 1
            else:
                break

    # -- entry
    def parse(self):
        node = self.parse_alt(True)
        if not self.at_end():
            if self.src[self.pos] == ')':
                raise self.error('unbalanced parenthesis')
            raise self.error('internal error: trailing pattern')
        return node

    def parse_alt(self, top=False):
        branches = [self.parse_seq(top)]
        while self.peek() == '|':
            self.pos += 1
            branches.append(self.parse_seq(False))
        if len(branches) == 1:
            return branches[0]
        return ('alt', branches)

    def parse_seq(self, top):
        items = []
        src = self.src
        while True:
            self.skip_verbose()
            if self.at_end():
                break
            c = src[self.pos]
            if c == '|' or c == ')':
                break
            start = self.pos
            if c in _REPEAT_CHARS and not (c == '{' and not self._looks_like_repeat()):
                raise self.error('nothing to repeat')
            atom = self.parse_atom(top and not items)
            if atom is None:
                continue
            # quantifiers
            while True:
                self.skip_verbose()
                c = self.peek()
                if c is None or c not in _REPEAT_CHARS:
                    break
                qstart = self.pos
                if c == '{':
                    rng = self._parse_brace()
                    if rng is None:
                        break
                    lo, hi = rng
                elif c == '*':
                    self.pos += 1
                    lo, hi = 0, -1
                elif c == '+':
                    self.pos += 1
                    lo, hi = 1, -1
                else:
                    self.pos += 1
                    lo, hi = 0, 1
                if atom[0] == 'at':
                    raise error('nothing to repeat', self.orig, qstart)
                if atom[0] == 'rep' and atom[5]:
                    raise error('multiple repeat', self.orig, qstart)
                mode = 0
                c2 = self.peek()
                if c2 == '?':
                    self.pos += 1
                    mode = 1
                elif c2 == '+':
                    self.pos += 1
                    mode = 2
                atom = ('rep', atom, lo, hi, mode, True)
            if atom[0] == 'rep' and atom[5]:
                atom = atom[:5] + (False,)
            items.append(atom)
        if len(items) == 1:
            return items[0]
        return ('seq', items)

    def _looks_like_repeat(self):
        save = self.pos
        r = self._parse_brace()
        self.pos = save
        return r is not None

    def _parse_brace(self):
        src = self.src
        p = self.pos + 1
        n = len(src)
        lo_s = ''
        while p < n and src[p] in _ASCII_DIGITS:
            lo_s += src[p]
            p += 1
        hi_s = lo_s
        if p < n and src[p] == ',':
            p += 1
            hi_s = ''
            while p < n and src[p] in _ASCII_DIGITS:
                hi_s += src[p]
                p += 1
        else:
            if lo_s == '':
                return None
        if p >= n or src[p] != '}':
            return None
        lo = int(lo_s) if lo_s else 0
        hi = int(hi_s) if hi_s else -1
        if lo >= _MAXREPEAT:
            raise error('the repetition number is too large', self.orig, self.pos + 1)
        if hi != -1:
            if hi >= _MAXREPEAT:
                raise error('the repetition number is too large', self.orig, self.pos + 1)
            if hi < lo:
                raise error('min repeat greater than max repeat', self.orig, self.pos + 1)
        self.pos = p + 1
        return lo, hi

    def parse_atom(self, at_start):
        src = self.src
        c = src[self.pos]
        flags = self.flags
        icase = bool(flags & _IGNORECASE)
        if c == '(':
            return self.parse_group(at_start)
        if c == '[':
            return self.parse_class()
        if c == '.':
            self.pos += 1
            return ('any', bool(flags & _DOTALL))
        if c == '^':
            self.pos += 1
            return ('at', 'bolm' if flags & _MULTILINE else 'bos')
        if c == '$':
            self.pos += 1
            return ('at', 'eolm' if flags & _MULTILINE else 'eol')
        if c == '\\':
            return self.parse_escape()
        self.pos += 1
        return ('lit', c, icase)

    def _ascii(self):
        return bool(self.flags & _ASCII)

    def parse_escape(self):
        src = self.src
        start = self.pos
        self.pos += 1
        if self.pos >= len(src):
            raise error('bad escape (end of pattern)', self.orig, start)
        c = src[self.pos]
        self.pos += 1
        icase = bool(self.flags & _IGNORECASE)
        if c in 'dDwWsS':
            cs = _CharSet(False, False, self._ascii())
            cs.cats.append(c)
            return ('set', cs)
        if c == 'A':
            return ('at', 'bos')
        if c == 'Z':
            return ('at', 'eos')
        if c == 'b':
            return ('at', 'b', self._ascii())
        if c == 'B':
            return ('at', 'B', self._ascii())
        if c in '123456789':
            # group reference or octal escape
            digits = c
            if self.pos < len(src) and src[self.pos] in _ASCII_DIGITS:
                if (c in '01234567' and src[self.pos] in '01234567' and self.pos + 1 < len(src)
                        and src[self.pos + 1] in '01234567'):
                    code = int(c + src[self.pos:self.pos + 2], 8)
                    self.pos += 2
                    if code > 0o377:
                        raise error('octal escape value \\%s outside of range 0-0o377' % (c + src[self.pos - 2:self.pos]),
                                    self.orig, start)
                    return ('lit', chr(code), icase)
                digits += src[self.pos]
                self.pos += 1
            gid = int(digits)
            if gid >= self.groups:
                raise error('invalid group reference %d' % gid, self.orig, start + 1)
            if gid in self.open_groups:
                raise error('cannot refer to an open group', self.orig, start)
            return ('backref', gid, icase)
        ch = self._simple_escape(c, start)
        return ('lit', ch, icase)

    def _simple_escape(self, c, start, in_class=False):
        """Escape value for literal escapes (shared by classes); self.pos is after `c`."""
        src = self.src
        if c in _SPECIAL_ESCAPES and not (c == 'b' and not in_class):
            return _SPECIAL_ESCAPES[c]
        if c == '0':
            digits = ''
            while len(digits) < 2 and self.pos < len(src) and src[self.pos] in '01234567':
                digits += src[self.pos]
                self.pos += 1
            return chr(int('0' + digits, 8))
        if in_class and c in '1234567':
            digits = c
            while len(digits) < 3 and self.pos < len(src) and src[self.pos] in '01234567':
                digits += src[self.pos]
                self.pos += 1
            code = int(digits, 8)
            if code > 0o377:
                raise error('octal escape value \\%s outside of range 0-0o377' % digits, self.orig, start)
            return chr(code)
        if c == 'x':
            return self._hex_escape(2, start, c)
        if c == 'u' and not self.is_bytes:
            return self._hex_escape(4, start, c)
        if c == 'U' and not self.is_bytes:
            v = self._hex_escape(8, start, c)
            return v
        if c == 'N' and not self.is_bytes:
            raise error('bad escape \\N', self.orig, start)
        if ('a' <= c <= 'z') or ('A' <= c <= 'Z') or ('0' <= c <= '9'):
            raise error('bad escape \\' + c, self.orig, start)
        return c

    def _hex_escape(self, count, start, c):
        src = self.src
        digits = src[self.pos:self.pos + count]
        ok = len(digits) == count
        for d in digits:
            if d not in '0123456789abcdefABCDEF':
                ok = False
        if not ok:
            raise error('incomplete escape \\%s%s' % (c, digits.rstrip()[:count]), self.orig, start)
        self.pos += count
        code = int(digits, 16)
        if code > 0x10FFFF:
            raise error('bad escape \\%s%s' % (c, digits), self.orig, start)
        return chr(code)

    def parse_class(self):
        src = self.src
        start = self.pos
        self.pos += 1
        n = len(src)
        negate = False
        if self.pos < n and src[self.pos] == '^':
            negate = True
            self.pos += 1
        cs = _CharSet(negate, bool(self.flags & _IGNORECASE), self._ascii())
        first = True
        while True:
            if self.pos >= n:
                raise error('unterminated character set', self.orig, start)
            c = src[self.pos]
            if c == ']' and not first:
                self.pos += 1
                break
            first = False
            item_start = self.pos
            lo = self._class_item(cs)
            if lo is None:
                if self.pos + 1 < n and src[self.pos] == '-' and src[self.pos + 1] != ']':
                    self.pos += 1
                    self._class_item(_CharSet(False, False, False), False)
                    raise error('bad character range %s' % src[item_start:self.pos], self.orig, item_start)
                continue
            if self.pos + 1 < n and src[self.pos] == '-' and src[self.pos + 1] != ']':
                self.pos += 1
                hi = self._class_item(cs, True)
                if hi is None:
                    raise error('bad character range %s' % src[item_start:self.pos], self.orig, item_start)
                if ord(hi) < ord(lo):
                    raise error('bad character range %s' % src[item_start:self.pos], self.orig, item_start)
                cs.ranges.append((ord(lo), ord(hi)))
            else:
                cs.chars.add(lo)
        return ('set', cs)

    def _class_item(self, cs, in_range=False):
        """Parses one class item; returns its character, or None for a category (added to cs)."""
        src = self.src
        c = src[self.pos]
        start = self.pos
        self.pos += 1
        if c != '\\':
            return c
        if self.pos >= len(src):
            raise error('unterminated character set', self.orig, start - 1)
        e = src[self.pos]
        self.pos += 1
        if e in 'dDwWsS':
            if in_range:
                raise error('bad character range %s' % src[start - 2:self.pos], self.orig, start - 2)
            cs.cats.append(e)
            return None
        return self._simple_escape(e, start, True)

    def _group_name(self, terminator):
        src = self.src
        end = src.find(terminator, self.pos)
        if end < 0:
            if self.pos >= len(src) or src[self.pos] == terminator:
                raise error('missing group name', self.orig, self.pos)
            raise error('missing %s, unterminated name' % terminator, self.orig, self.pos)
        name = src[self.pos:end]
        if not name:
            raise error('missing group name', self.orig, self.pos)
        if not name.isidentifier():
            raise error('bad character in group name %r' % name, self.orig, self.pos)
        self.pos = end + 1
        return name

    def _parse_flags(self, start):
        """Inline flags after '(?': returns (add, remove, scoped)."""
        src = self.src
        letters = {'i': _IGNORECASE, 'L': _LOCALE, 'm': _MULTILINE, 's': _DOTALL,
                   'u': _UNICODE, 'x': _VERBOSE, 'a': _ASCII}
        add = 0
        remove = 0
        n = len(src)
        while self.pos < n and src[self.pos] in letters:
            add |= letters[src[self.pos]]
            self.pos += 1
        if self.pos < n and src[self.pos] == '-':
            self.pos += 1
            if self.pos >= n:
                raise error('missing flag', self.orig, self.pos)
            if src[self.pos] not in letters:
                if src[self.pos].isalpha():
                    raise error('unknown flag', self.orig, self.pos)
                raise error('missing flag', self.orig, self.pos)
            while self.pos < n and src[self.pos] in letters:
                f = letters[src[self.pos]]
                if f & (_ASCII | _UNICODE | _LOCALE):
                    raise error('bad inline flags: cannot turn off flags \'a\', \'u\' and \'L\'', self.orig, self.pos)
                remove |= f
                self.pos += 1
            if self.pos >= n or src[self.pos] != ':':
                if self.pos < n and src[self.pos].isalpha():
                    raise error('unknown flag', self.orig, self.pos)
                raise error('missing :', self.orig, self.pos)
            self.pos += 1
            return add, remove, True
        if self.pos >= n:
            raise error('missing -, : or )', self.orig, self.pos)
        c = src[self.pos]
        if c == ')':
            self.pos += 1
            return add, 0, False
        if c == ':':
            self.pos += 1
            return add, 0, True
        if c.isalpha():
            raise error('unknown flag', self.orig, self.pos)
        raise error('missing -, : or )', self.orig, self.pos)

    def _finish_group(self, start):
        if self.peek() != ')':
            raise error('missing ), unterminated subpattern', self.orig, start)
        self.pos += 1

    def parse_group(self, at_start):
        src = self.src
        start = self.pos
        self.pos += 1
        n = len(src)
        if self.pos < n and src[self.pos] == '?':
            self.pos += 1
            if self.pos >= n:
                raise error('unexpected end of pattern', self.orig, self.pos)
            c = src[self.pos]
            if c == ':':
                self.pos += 1
                node = self.parse_alt()
                self._finish_group(start)
                return ('group', None, node)
            if c == 'P':
                self.pos += 1
                if self.pos >= n:
                    raise error('unexpected end of pattern', self.orig, self.pos)
                k = src[self.pos]
                if k == '<':
                    self.pos += 1
                    name = self._group_name('>')
                    return self._capture(start, name)
                if k == '=':
                    self.pos += 1
                    name_pos = self.pos
                    name = self._group_name(')')
                    if name not in self.groupdict:
                        raise error('unknown group name %r' % name, self.orig, name_pos)
                    gid = self.groupdict[name]
                    if gid in self.open_groups:
                        raise error('cannot refer to an open group', self.orig, start)
                    return ('backref', gid, bool(self.flags & _IGNORECASE))
                raise error('unknown extension ?P' + k, self.orig, self.pos - 1)
            if c == '<' and self.pos + 1 < n and src[self.pos + 1] not in '=!':
                self.pos += 1
                name = self._group_name('>')
                return self._capture(start, name)
            if c == '#':
                end = src.find(')', self.pos)
                if end < 0:
                    raise error('missing ), unterminated comment', self.orig, start)
                self.pos = end + 1
                return None
            if c == '=' or c == '!':
                self.pos += 1
                node = self.parse_alt()
                self._finish_group(start)
                return ('look', False, c == '!', node)
            if c == '<':
                self.pos += 1
                if self.pos >= n:
                    raise error('unexpected end of pattern', self.orig, self.pos)
                d = src[self.pos]
                self.pos += 1
                node = self.parse_alt()
                self._finish_group(start)
                lo, hi = _width(node)
                if lo != hi:
                    raise error('look-behind requires fixed-width pattern')
                return ('look', True, d == '!', node, lo)
            if c == '>':
                self.pos += 1
                node = self.parse_alt()
                self._finish_group(start)
                return ('atomic', node)
            if c == '(':
                self.pos += 1
                end = src.find(')', self.pos)
                if end < 0:
                    raise error('missing ), unterminated name', self.orig, self.pos)
                ref = src[self.pos:end]
                ref_pos = self.pos
                self.pos = end + 1
                if ref.isdigit():
                    gid = int(ref)
                    if gid == 0:
                        raise error('bad group number', self.orig, ref_pos)
                    if gid >= self.groups:
                        raise error('invalid group reference %d' % gid, self.orig, ref_pos)
                elif ref.isidentifier():
                    if ref not in self.groupdict:
                        raise error('unknown group name %r' % ref, self.orig, ref_pos)
                    gid = self.groupdict[ref]
                else:
                    raise error('bad character in group name %r' % ref, self.orig, ref_pos)
                yes = self.parse_seq(False)
                no = None
                if self.peek() == '|':
                    self.pos += 1
                    no = self.parse_seq(False)
                    if self.peek() == '|':
                        raise error('conditional backref with more than two branches', self.orig, self.pos)
                self._finish_group(start)
                return ('cond', gid, yes, no)
            if c in 'aiLmsux-':
                add, remove, scoped = self._parse_flags(start)
                if not scoped:
                    if not at_start:
                        raise error('global flags not at the start of the expression', self.orig, start)
                    self.flags |= add
                    if (self.flags & _ASCII) and (self.flags & _UNICODE) and not self.is_bytes:
                        raise error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", self.orig, self.pos - 1)
                    return None
                saved = self.flags
                self.flags = (self.flags | add) & ~remove
                if add & _ASCII:
                    self.flags &= ~_UNICODE
                node = self.parse_alt()
                self.flags = saved
                self._finish_group(start)
                return ('group', None, node)
            raise error('unknown extension ?' + c, self.orig, self.pos - 1)
        return self._capture(start, None)

    def _capture(self, start, name):
        gid = self.groups
        self.groups += 1
        if name is not None:
            if name in self.groupdict:
                raise error('redefinition of group name %r as group %d; was group %d'
                            % (name, gid, self.groupdict[name]), self.orig, start + 4)
            self.groupdict[name] = gid
        self.open_groups.append(gid)
        node = self.parse_alt()
        self._finish_group(start)
        self.open_groups.pop()
        return ('group', gid, node)


def _width(node):
    """(min, max) width of a node; max -1 when unbounded."""
    kind = node[0]
    if kind in ('lit', 'any', 'set'):
        return 1, 1
    if kind == 'seq':
        lo = hi = 0
        for item in node[1]:
            a, b = _width(item)
            lo += a
            if hi != -1:
                hi = -1 if b == -1 else hi + b
        return lo, hi
    if kind == 'alt':
        lo = None
        hi = 0
        for item in node[1]:
            a, b = _width(item)
            lo = a if lo is None else min(lo, a)
            if hi != -1:
                hi = -1 if b == -1 else max(hi, b)
        return lo, hi
    if kind == 'group' or kind == 'atomic':
        return _width(node[-1])
    if kind == 'rep':
        a, b = _width(node[1])
        lo = a * node[2]
        if node[3] == -1:
            hi = -1 if b != 0 else 0
        else:
            hi = -1 if b == -1 else b * node[3]
        return lo, hi
    if kind == 'at' or kind == 'look':
        return 0, 0
    if kind == 'backref':
        return 0, -1
    if kind == 'cond':
        a, b = _width(node[2])
        if node[3] is not None:
            c, d = _width(node[3])
        else:
            c, d = 0, 0
        hi = -1 if (b == -1 or d == -1) else max(b, d)
        return min(a, c), hi
    return 0, 0


# ---------------------------------------------------------------- compiler
#
# Instructions (tuples, first element the opcode):

_CHAR = 0          # (op, ch)
_CHAR_I = 1        # (op, lower, upper)
_ANY = 2           # (op,) any but newline
_ANYALL = 3        # (op,)
_SET = 4           # (op, charset)
_SPLIT = 5         # (op, first, second)  try first, backtrack to second
_JMP = 6           # (op, target)
_SAVE = 7          # (op, slot)
_AT = 8            # (op, kind, ascii)
_BACKREF = 9       # (op, group, icase)
_REPEAT1 = 10      # (op, item-op, min, max, lazy)
_LOOK = 11         # (op, program, behind, negate, width)
_ATOMIC = 12       # (op, program)
_REP_INIT = 13     # (op, reg)
_REP_LOOP = 14     # (op, reg, min, max, lazy, exit)
_REP_NEXT = 15     # (op, reg, loop)
_COND = 16         # (op, group, no-target)
_MATCH = 17        # (op,)
_FAIL = 18         # (op,)
_LITSTR = 19       # (op, string)


def _single(node):
    """The one-character instruction for a node, or None."""
    kind = node[0]
    if kind == 'lit':
        ch = node[1]
        if node[2]:
            lo = ch.lower()
            up = ch.upper()
            if len(lo) == 1 and len(up) == 1 and (lo != ch or up != ch):
                return (_CHAR_I, lo, up)
        return (_CHAR, ch)
    if kind == 'any':
        return (_ANYALL,) if node[1] else (_ANY,)
    if kind == 'set':
        return (_SET, node[1])
    if kind == 'group' and node[1] is None:
        return _single(node[2])
    return None


class _Compiler:
    def __init__(self, ngroups):
        self.nregs = 0
        self.base = 2 * ngroups   # slots (state[0] holds lastindex), then registers

    def new_reg(self):
        r = self.base + 2 * self.nregs
        self.nregs += 1
        return r

    def program(self, node):
        code = []
        self.emit(node, code)
        code.append((_MATCH,))
        return _peephole(code)

    def emit(self, node, code):
        kind = node[0]
        if kind == 'lit' or kind == 'any' or kind == 'set':
            code.append(_single(node))
        elif kind == 'seq':
            for item in node[1]:
                self.emit(item, code)
        elif kind == 'alt':
            jumps = []
            branches = node[1]
            for i, branch in enumerate(branches):
                if i < len(branches) - 1:
                    split_at = len(code)
                    code.append(None)
                    self.emit(branch, code)
                    jumps.append(len(code))
                    code.append(None)
                    code[split_at] = (_SPLIT, split_at + 1, len(code))
                else:
                    self.emit(branch, code)
            for j in jumps:
                code[j] = (_JMP, len(code))
        elif kind == 'group':
            gid = node[1]
            if gid is None:
                self.emit(node[2], code)
            else:
                code.append((_SAVE, 2 * gid))
                self.emit(node[2], code)
                code.append((_SAVE, 2 * gid + 1))
        elif kind == 'rep':
            self.emit_repeat(node, code)
        elif kind == 'at':
            code.append((_AT, node[1], node[2] if len(node) > 2 else False))
        elif kind == 'backref':
            code.append((_BACKREF, node[1], node[2]))
        elif kind == 'look':
            sub = self.subprogram(node[3])
            code.append((_LOOK, sub, node[1], node[2], node[4] if node[1] else 0))
        elif kind == 'atomic':
            code.append((_ATOMIC, self.subprogram(node[1])))
        elif kind == 'cond':
            at = len(code)
            code.append(None)
            self.emit(node[2], code)
            if node[3] is not None:
                j = len(code)
                code.append(None)
                code[at] = (_COND, node[1], len(code))
                self.emit(node[3], code)
                code[j] = (_JMP, len(code))
            else:
                code[at] = (_COND, node[1], len(code))
        else:
            raise error('internal error: unknown node ' + kind)

    def subprogram(self, node):
        code = []
        self.emit(node, code)
        code.append((_MATCH,))
        return _peephole(code)

    def emit_repeat(self, node, code):
        body, lo, hi, mode = node[1], node[2], node[3], node[4]
        if mode == 2:
            inner = ('rep', body, lo, hi, 0, False)
            code.append((_ATOMIC, self.subprogram(inner)))
            return
        one = _single(body)
        if one is not None:
            code.append((_REPEAT1, one, lo, hi, mode == 1))
            return
        if lo == 0 and hi == 1:
            at = len(code)
            code.append(None)
            self.emit(body, code)
            if mode == 1:
                code[at] = (_SPLIT, len(code), at + 1)
            else:
                code[at] = (_SPLIT, at + 1, len(code))
            return
        if lo == 1 and hi == 1:
            self.emit(body, code)
            return
        if hi == 0:
            return
        reg = self.new_reg()
        code.append((_REP_INIT, reg))
        loop = len(code)
        code.append(None)
        self.emit(body, code)
        code.append((_REP_NEXT, reg, loop))
        code[loop] = (_REP_LOOP, reg, lo, hi, mode == 1, len(code))


def _peephole(code):
    """Merges runs of plain characters into one string comparison where no jump lands inside."""
    targets = set()
    for ins in code:
        op = ins[0]
        if op == _SPLIT:
            targets.add(ins[1])
            targets.add(ins[2])
        elif op == _JMP:
            targets.add(ins[1])
        elif op == _REP_LOOP:
            targets.add(ins[5])
        elif op == _REP_NEXT:
            targets.add(ins[2])
        elif op == _COND:
            targets.add(ins[2])
    n = len(code)
    remap = [0] * (n + 1)
    out = []
    i = 0
    while i < n:
        ins = code[i]
        if ins[0] == _CHAR:
            j = i + 1
            while j < n and code[j][0] == _CHAR and j not in targets:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    remap[k] = len(out)
                out.append((_LITSTR, ''.join([code[k][1] for k in range(i, j)])))
                i = j
                continue
        remap[i] = len(out)
        out.append(ins)
        i += 1
    remap[n] = len(out)
    if len(out) == n:
        return code
    fixed = []
    for ins in out:
        op = ins[0]
        if op == _SPLIT:
            ins = (op, remap[ins[1]], remap[ins[2]])
        elif op == _JMP:
            ins = (op, remap[ins[1]])
        elif op == _REP_LOOP:
            ins = ins[:5] + (remap[ins[5]],)
        elif op == _REP_NEXT:
            ins = (op, ins[1], remap[ins[2]])
        elif op == _COND:
            ins = (op, ins[1], remap[ins[2]])
        fixed.append(ins)
    return fixed


# ---------------------------------------------------------------- matcher

def _one(item, ch):
    op = item[0]
    if op == _CHAR:
        return ch == item[1]
    if op == _CHAR_I:
        return ch == item[1] or ch == item[2] or ch.lower() == item[1]
    if op == _ANY:
        return ch != '\n'
    if op == _ANYALL:
        return True
    return item[1].contains(ch)


def _count(item, s, pos, limit):
    """How many characters from pos (up to limit) match the one-character item."""
    op = item[0]
    p = pos
    if op == _ANYALL:
        return limit - pos
    if op == _ANY:
        nl = s.find('\n', pos, limit)
        return (limit if nl < 0 else nl) - pos
    if op == _CHAR:
        c = item[1]
        while p < limit and s[p] == c:
            p += 1
        return p - pos
    if op == _CHAR_I:
        lo = item[1]
        up = item[2]
        while p < limit:
            ch = s[p]
            if ch == lo or ch == up or ch.lower() == lo:
                p += 1
            else:
                break
        return p - pos
    cs = item[1]
    while p < limit and cs.contains(s[p]):
        p += 1
    return p - pos


def _at(kind, ascii_only, s, pos, end):
    if kind == 'bos':
        return pos == 0
    if kind == 'eos':
        return pos == end
    if kind == 'eol':
        return pos == end or (pos == end - 1 and s[pos] == '\n')
    if kind == 'bolm':
        return pos == 0 or s[pos - 1] == '\n'
    if kind == 'eolm':
        return pos == end or s[pos] == '\n'
    before = pos > 0 and _is_word(s[pos - 1], ascii_only)
    after = pos < end and _is_word(s[pos], ascii_only)
    if kind == 'b':
        return before != after
    return before == after


def _run(code, s, pos, end, state, must_advance):
    """Runs a program from pos; returns the end position or -1. `state` (slots,
    lastindex, registers) is updated in place on success."""
    start = pos
    stack = []
    pc = 0
    while True:
        ins = code[pc]
        op = ins[0]
        ok = True
        if op == _CHAR:
            if pos < end and s[pos] == ins[1]:
                pos += 1
                pc += 1
            else:
                ok = False
        elif op == _LITSTR:
            lit = ins[1]
            if s.startswith(lit, pos) and pos + len(lit) <= end:
                pos += len(lit)
                pc += 1
            else:
                ok = False
        elif op == _REPEAT1:
            item = ins[1]
            lo = ins[2]
            hi = ins[3]
            if ins[4]:
                # lazy: take the minimum, extend on backtracking
                n = _count(item, s, pos, min(end, pos + lo)) if lo else 0
                if n < lo:
                    ok = False
                else:
                    if hi == -1 or lo < hi:
                        stack.append((3, pc + 1, pos, lo, hi, item))
                    pos += lo
                    pc += 1
            else:
                limit = end if hi == -1 else min(end, pos + hi)
                n = _count(item, s, pos, limit)
                if n < lo:
                    ok = False
                else:
                    if n > lo:
                        nxt = code[pc + 1]
                        if nxt[0] == _CHAR or nxt[0] == _LITSTR:
                            stack.append((4, pc + 1, pos, lo, n, nxt[1][0]))
                        else:
                            stack.append((2, pc + 1, pos, lo, n))
                    pos += n
                    pc += 1
        elif op == _SAVE:
            slot = ins[1]
            stack.append((0, slot, state[slot]))
            state[slot] = pos
            if slot & 1:
                stack.append((0, 0, state[0]))
                state[0] = slot >> 1
            pc += 1
        elif op == _SPLIT:
            stack.append((1, ins[2], pos))
            pc = ins[1]
        elif op == _JMP:
            pc = ins[1]
        elif op == _CHAR_I:
            if pos < end:
                ch = s[pos]
                if ch == ins[1] or ch == ins[2] or ch.lower() == ins[1]:
                    pos += 1
                    pc += 1
                else:
                    ok = False
            else:
                ok = False
        elif op == _SET:
            if pos < end and ins[1].contains(s[pos]):
                pos += 1
                pc += 1
            else:
                ok = False
        elif op == _ANY:
            if pos < end and s[pos] != '\n':
                pos += 1
                pc += 1
            else:
                ok = False
        elif op == _ANYALL:
            if pos < end:
                pos += 1
                pc += 1
            else:
                ok = False
        elif op == _AT:
            if _at(ins[1], ins[2], s, pos, end):
                pc += 1
            else:
                ok = False
        elif op == _MATCH:
            if must_advance and pos == start:
                ok = False
            else:
                return pos
        elif op == _REP_INIT:
            r = ins[1]
            stack.append((0, r, state[r]))
            stack.append((0, r + 1, state[r + 1]))
            state[r] = 0
            state[r + 1] = -1
            pc += 1
        elif op == _REP_LOOP:
            r = ins[1]
            count = state[r]
            if count < ins[2]:
                stack.append((0, r + 1, state[r + 1]))
                state[r + 1] = pos
                pc += 1
            elif ins[3] != -1 and count >= ins[3]:
                pc = ins[5]
            elif ins[4]:
                stack.append((5, pc + 1, pos, r))
                pc = ins[5]
            else:
                stack.append((1, ins[5], pos))
                stack.append((0, r + 1, state[r + 1]))
                state[r + 1] = pos
                pc += 1
        elif op == _REP_NEXT:
            r = ins[1]
            stack.append((0, r, state[r]))
            state[r] += 1
            if state[r + 1] == pos and state[r] > 0:
                # an empty iteration: stop looping
                loop = code[ins[2]]
                pc = loop[5]
            else:
                pc = ins[2]
        elif op == _BACKREF:
            g = ins[1]
            a = state[2 * g]
            b = state[2 * g + 1]
            if a < 0 or b < 0:
                ok = False
            else:
                sub = s[a:b]
                n = b - a
                if pos + n > end:
                    ok = False
                elif ins[2]:
                    if s[pos:pos + n].lower() == sub.lower():
                        pos += n
                        pc += 1
                    else:
                        ok = False
                elif s.startswith(sub, pos):
                    pos += n
                    pc += 1
                else:
                    ok = False
        elif op == _LOOK:
            sub = ins[1]
            behind = ins[2]
            negate = ins[3]
            if behind:
                at = pos - ins[4]
                if at < 0:
                    found = False
                    inner = None
                else:
                    inner = list(state)
                    r = _run(sub, s, at, end, inner, False)
                    found = r == pos
            else:
                inner = list(state)
                found = _run(sub, s, pos, end, inner, False) >= 0
            if found == negate:
                ok = False
            else:
                if found and not negate:
                    for k in range(len(state)):
                        if inner[k] != state[k]:
                            stack.append((0, k, state[k]))
                            state[k] = inner[k]
                pc += 1
        elif op == _ATOMIC:
            inner = list(state)
            r = _run(ins[1], s, pos, end, inner, False)
            if r < 0:
                ok = False
            else:
                for k in range(len(state)):
                    if inner[k] != state[k]:
                        stack.append((0, k, state[k]))
                        state[k] = inner[k]
                pos = r
                pc += 1
        elif op == _COND:
            g = ins[1]
            if state[2 * g] >= 0 and state[2 * g + 1] >= 0:
                pc += 1
            else:
                pc = ins[2]
        elif op == _FAIL:
            ok = False
        else:
            raise error('internal error: bad opcode')
        if ok:
            continue
        # backtrack
        while True:
            if not stack:
                return -1
            entry = stack.pop()
            kind = entry[0]
            if kind == 0:
                state[entry[1]] = entry[2]
                continue
            if kind == 1:
                pc = entry[1]
                pos = entry[2]
                break
            if kind == 2:
                # greedy single repeat: give back one character
                n = entry[4] - 1
                if n > entry[3]:
                    stack.append((2, entry[1], entry[2], entry[3], n))
                pc = entry[1]
                pos = entry[2] + n
                break
            if kind == 4:
                # greedy single repeat followed by a literal: give back to the next place it can match
                n = entry[4] - 1
                base = entry[2]
                c = entry[5]
                lo = entry[3]
                while n >= lo and (base + n >= end or s[base + n] != c):
                    n -= 1
                if n < lo:
                    continue
                if n > lo:
                    stack.append((4, entry[1], base, lo, n, c))
                pc = entry[1]
                pos = base + n
                break
            if kind == 3:
                # lazy single repeat: take one more character
                base = entry[2]
                n = entry[3]
                p = base + n
                if p < end and _one(entry[5], s[p]):
                    n += 1
                    if entry[4] == -1 or n < entry[4]:
                        stack.append((3, entry[1], base, n, entry[4], entry[5]))
                    pc = entry[1]
                    pos = base + n
                    break
                continue
            if kind == 5:
                # lazy general repeat: run one more iteration
                r = entry[3]
                pos = entry[2]
                stack.append((0, r + 1, state[r + 1]))
                state[r + 1] = pos
                pc = entry[1]
                break


# ---------------------------------------------------------------- objects

_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is not None:
        return p
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    if not isinstance(pattern, (str, bytes, bytearray)):
        raise TypeError('first argument must be string or compiled pattern')
    p = Pattern(pattern, flags)
    if len(_cache) >= _MAXCACHE:
        _cache.clear()
    _cache[key] = p
    return p


def _literal_prefix(node):
    """A literal (case-sensitive) string every match must start with."""
    kind = node[0]
    if kind == 'lit':
        return '' if node[2] else node[1]
    if kind == 'seq':
        out = ''
        for item in node[1]:
            k = item[0]
            if k == 'lit' and not item[2]:
                out += item[1]
            elif k == 'group' and item[1] is None:
                sub = _literal_prefix(item[2])
                out += sub
                if _width(item[2]) != (len(sub), len(sub)):
                    break
            else:
                break
        return out
    if kind == 'group' and node[1] is None:
        return _literal_prefix(node[2])
    return ''


def _anchored(node):
    kind = node[0]
    if kind == 'at':
        return node[1] == 'bos'
    if kind == 'seq':
        return bool(node[1]) and _anchored(node[1][0])
    if kind == 'group':
        return _anchored(node[2])
    return False


class Pattern:
    def __init__(self, pattern, flags):
        self_flags = flags
        self.pattern = pattern
        is_bytes = not isinstance(pattern, str)
        src = pattern if not is_bytes else bytes(pattern).decode('latin-1')
        if is_bytes:
            if flags & _UNICODE:
                raise ValueError('cannot use UNICODE flag with a bytes pattern')
            if flags & _ASCII:
                pass
        else:
            if flags & _LOCALE:
                raise ValueError('cannot use LOCALE flag with a str pattern')
            if (flags & _ASCII) and (flags & _UNICODE):
                raise ValueError('ASCII and UNICODE flags are incompatible')
        parser = _Parser(src, flags | (_ASCII if is_bytes else 0), is_bytes)
        parser.orig = pattern
        node = parser.parse()
        flags = parser.flags
        if is_bytes:
            flags = (flags & ~_ASCII) | (int(self_flags) & _ASCII)
        elif not (flags & _ASCII):
            flags |= _UNICODE
        self.flags = flags
        self.groups = parser.groups - 1
        self.groupindex = dict(parser.groupdict)
        self._is_bytes = is_bytes
        comp = _Compiler(parser.groups)
        self._code = comp.program(node)
        self._nstate = 2 * parser.groups + 2 * comp.nregs
        self._prefix = _literal_prefix(node)
        self._anchored = _anchored(node)

    # -- core
    def _subject(self, string):
        if self._is_bytes:
            if isinstance(string, str):
                raise TypeError('cannot use a bytes pattern on a string-like object')
            return bytes(string).decode('latin-1')
        if not isinstance(string, str):
            raise TypeError('cannot use a string pattern on a bytes-like object')
        return string

    def _bounds(self, s, pos, endpos):
        n = len(s)
        if pos < 0:
            pos = 0
        if endpos is None or endpos > n:
            endpos = n
        if endpos < 0:
            endpos = 0
        return pos, endpos

    def _try(self, s, pos, end, must_advance):
        state = [-1] * self._nstate
        r = _run(self._code, s, pos, end, state, must_advance)
        if r < 0:
            return None
        return pos, r, state

    def _search(self, s, pos, end, must_advance=False):
        if self._anchored:
            if pos != 0:
                return None
            return self._try(s, 0, end, must_advance)
        prefix = self._prefix
        p = pos
        while p <= end:
            if prefix:
                p = s.find(prefix, p, end)
                if p < 0:
                    return None
            r = self._try(s, p, end, must_advance and p == pos)
            if r is not None:
                return r
            p += 1
        return None

    def _make(self, string, r, pos, endpos):
        start, stop, state = r
        return Match(self, string, start, stop, state, pos, endpos)

    def match(self, string, pos=0, endpos=None):
        s = self._subject(string)
        pos, endpos = self._bounds(s, pos, endpos)
        if pos > endpos:
            return None
        r = self._try(s, pos, endpos, False)
        return None if r is None else self._make(string, r, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=None):
        s = self._subject(string)
        pos, endpos = self._bounds(s, pos, endpos)
        if pos > endpos:
            return None
        state = [-1] * self._nstate
        code = self._full_code()
        r = _run(code, s, pos, endpos, state, False)
        if r < 0:
            return None
        return self._make(string, (pos, r, state), pos, endpos)

    def _full_code(self):
        code = getattr(self, '_fcode', None)
        if code is None:
            code = list(self._code)
            code[-1] = (_AT, 'eos', False)
            code.append((_MATCH,))
            self._fcode = code
        return code

    def search(self, string, pos=0, endpos=None):
        s = self._subject(string)
        pos, endpos = self._bounds(s, pos, endpos)
        if pos > endpos:
            return None
        r = self._search(s, pos, endpos)
        return None if r is None else self._make(string, r, pos, endpos)

    def _iter(self, s, pos, endpos):
        must_advance = False
        while pos <= endpos:
            r = self._search(s, pos, endpos, must_advance)
            if r is None:
                return
            yield r
            must_advance = r[1] == r[0]
            pos = r[1]

    def finditer(self, string, pos=0, endpos=None):
        s = self._subject(string)
        pos, endpos = self._bounds(s, pos, endpos)
        for r in self._iter(s, pos, endpos):
            yield self._make(string, r, pos, endpos)

    def findall(self, string, pos=0, endpos=None):
        s = self._subject(string)
        pos, endpos = self._bounds(s, pos, endpos)
        out = []
        ng = self.groups
        for r in self._iter(s, pos, endpos):
            start, stop, state = r
            if ng == 0:
                out.append(string[start:stop])
            elif ng == 1:
                out.append(self._group_text(string, state, 1))
            else:
                out.append(tuple([self._group_text(string, state, g) for g in range(1, ng + 1)]))
        return out

    def _group_text(self, string, state, g):
        a = state[2 * g]
        b = state[2 * g + 1]
        if a < 0 or b < 0:
            return string[0:0]
        return string[a:b]

    def split(self, string, maxsplit=0):
        s = self._subject(string)
        out = []
        last = 0
        n = 0
        for r in self._iter(s, 0, len(s)):
            if maxsplit and n >= maxsplit:
                break
            start, stop, state = r
            out.append(string[last:start])
            for g in range(1, self.groups + 1):
                a = state[2 * g]
                b = state[2 * g + 1]
                out.append(string[a:b] if a >= 0 and b >= 0 else None)
            last = stop
            n += 1
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        s = self._subject(string)
        if callable(repl):
            template = None
        else:
            if self._is_bytes:
                if isinstance(repl, str):
                    raise TypeError('expected a bytes-like object, str found')
            elif not isinstance(repl, str):
                raise TypeError('expected str instance, %s found' % type(repl).__name__)
            template = _parse_template(repl, self)
        parts = []
        last = 0
        n = 0
        for r in self._iter(s, 0, len(s)):
            if count and n >= count:
                break
            start, stop, state = r
            parts.append(string[last:start])
            if template is None:
                piece = repl(self._make(string, r, 0, len(s)))
                if piece:
                    parts.append(piece)
            else:
                parts.append(_expand(template, string, state, self._is_bytes, start, stop))
            last = stop
            n += 1
        parts.append(string[last:])
        empty = string[0:0]
        if self._is_bytes:
            return bytes(b''.join(parts)), n
        return empty.join(parts), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError('re.Pattern.scanner is not supported by Molt yet')

    def __repr__(self):
        flags = self.flags
        if not self._is_bytes:
            flags &= ~_UNICODE
        pat = repr(self.pattern)
        if len(pat) > 200:
            pat = pat[:200]
        if flags:
            return 're.compile(%s, %r)' % (pat, RegexFlag(flags))
        return 're.compile(%s)' % pat

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _parse_template(repl, pattern):
    """Splits a replacement template into literal strings and group numbers."""
    is_bytes = pattern._is_bytes
    src = repl if not is_bytes else bytes(repl).decode('latin-1')
    items = []
    lit = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c != '\\':
            lit.append(c)
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            raise error('bad escape (end of pattern)', repl, start)
        c = src[i]
        i += 1
        if c == 'g':
            if i >= n or src[i] != '<':
                raise error('missing <', repl, i)
            end = src.find('>', i + 1)
            if end < 0:
                raise error('missing >, unterminated name', repl, i + 1)
            name = src[i + 1:end]
            if not name:
                raise error('missing group name', repl, i + 1)
            if name.isdigit() and name.isascii():
                gid = int(name)
                if gid > pattern.groups:
                    raise error('invalid group reference %d' % gid, repl, i + 1)
            elif name.isidentifier():
                if name not in pattern.groupindex:
                    raise IndexError('unknown group name %r' % name)
                gid = pattern.groupindex[name]
            else:
                raise error('bad character in group name %r' % name, repl, i + 1)
            i = end + 1
            if lit:
                items.append(''.join(lit))
                lit = []
            items.append(gid)
        elif c == '0':
            digits = ''
            while len(digits) < 2 and i < n and src[i] in '01234567':
                digits += src[i]
                i += 1
            lit.append(chr(int('0' + digits, 8)))
        elif c in '123456789':
            digits = c
            if i < n and src[i] in _ASCII_DIGITS:
                if (c in '01234567' and src[i] in '01234567' and i + 1 < n and src[i + 1] in '01234567'):
                    code = int(c + src[i:i + 2], 8)
                    if code > 0o377:
                        raise error('octal escape value \\%s outside of range 0-0o377' % (c + src[i:i + 2]), repl, start)
                    lit.append(chr(code))
                    i += 2
                    continue
                digits += src[i]
                i += 1
            gid = int(digits)
            if gid > pattern.groups:
                raise error('invalid group reference %d' % gid, repl, start + 1)
            if lit:
                items.append(''.join(lit))
                lit = []
            items.append(gid)
        elif c in _SPECIAL_ESCAPES:
            lit.append(_SPECIAL_ESCAPES[c])
        elif ('a' <= c <= 'z') or ('A' <= c <= 'Z'):
            raise error('bad escape \\' + c, repl, start)
        else:
            lit.append('\\' + c)
    if lit:
        items.append(''.join(lit))
    return items


def _expand(template, string, state, is_bytes, start, stop):
    out = []
    for item in template:
        if isinstance(item, str):
            out.append(item.encode('latin-1') if is_bytes else item)
        else:
            if item == 0:
                a, b = start, stop
            else:
                a = state[2 * item]
                b = state[2 * item + 1]
            if a >= 0 and b >= 0:
                out.append(string[a:b])
    if is_bytes:
        return bytes(b''.join(out))
    return ''.join(out)


class Match:
    def __init__(self, pattern, string, start, end, state, pos, endpos):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        ng = pattern.groups
        spans = [(start, end)]
        for g in range(1, ng + 1):
            a = state[2 * g]
            b = state[2 * g + 1]
            if a >= 0 and b >= 0:
                spans.append((a, b))
            else:
                spans.append((-1, -1))
        self._spans = spans
        self.lastindex = state[0] if state[0] > 0 else None

    @property
    def lastgroup(self):
        if self.lastindex is None:
            return None
        for name, gid in self.re.groupindex.items():
            if gid == self.lastindex:
                return name
        return None

    @property
    def regs(self):
        return tuple(self._spans)

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool):
            if 0 <= g < len(self._spans):
                return g
            raise IndexError('no such group')
        if isinstance(g, str):
            gid = self.re.groupindex.get(g)
            if gid is None:
                raise IndexError('no such group')
            return gid
        try:
            idx = g.__index__()
        except AttributeError:
            raise IndexError('no such group')
        if 0 <= idx < len(self._spans):
            return idx
        raise IndexError('no such group')

    def _get(self, g, default=None):
        a, b = self._spans[self._index(g)]
        if a < 0:
            return default
        return self.string[a:b]

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(groups[0])
        return tuple([self._get(g) for g in groups])

    def __getitem__(self, g):
        return self._get(g)

    def groups(self, default=None):
        return tuple([self._get(g, default) for g in range(1, len(self._spans))])

    def groupdict(self, default=None):
        out = {}
        for name, gid in self.re.groupindex.items():
            out[name] = self._get(gid, default)
        return out

    def start(self, group=0):
        return self._spans[self._index(group)][0]

    def end(self, group=0):
        return self._spans[self._index(group)][1]

    def span(self, group=0):
        return self._spans[self._index(group)]

    def expand(self, template):
        items = _parse_template(template, self.re)
        state = []
        for a, b in self._spans:
            state.append(a)
            state.append(b)
        return _expand(items, self.string, state, self.re._is_bytes, self._spans[0][0], self._spans[0][1])

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self._spans[0], self.group(0))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


# ---------------------------------------------------------------- module functions

def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def purge():
    _cache.clear()


def template(pattern, flags=0):
    raise NotImplementedError('re.template is not supported by Molt yet')


_SPECIAL_CHARS = set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def escape(pattern):
    if isinstance(pattern, str):
        out = []
        for c in pattern:
            if c in _SPECIAL_CHARS:
                out.append('\\' + c)
            else:
                out.append(c)
        return ''.join(out)
    src = bytes(pattern).decode('latin-1')
    return escape(src).encode('latin-1')
