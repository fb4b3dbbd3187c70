# textwrap — wrapping and filling text for Molt (written for Molt from the
# documented behaviour of CPython 3.12): TextWrapper, wrap, fill, shorten,
# dedent, indent. Text is cut into whitespace and word chunks (words split
# after hyphens between letters, and around em-dashes), then packed greedily.
# Neighbours: none (plain string code).

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

_whitespace = '\t\n\x0b\x0c\r '


def _is_word_char(c):
    return c == '_' or c.isalnum()


def _word_punct(c):
    return _is_word_char(c) or c in '!"\'&.,?'


class TextWrapper:
    def __init__(self, width=70, initial_indent='', subsequent_indent='', expand_tabs=True,
                 replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *, max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    # -- chunking
    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            out = []
            for c in text:
                out.append(' ' if c in _whitespace else c)
            text = ''.join(out)
        return text

    def _split(self, text):
        chunks = []
        n = len(text)
        i = 0
        while i < n:
            j = i
            if text[i] in _whitespace:
                while j < n and text[j] in _whitespace:
                    j += 1
                chunks.append(text[i:j])
                i = j
                continue
            while j < n and text[j] not in _whitespace:
                j += 1
            if self.break_on_hyphens:
                chunks.extend(_split_word(text, i, j))
            else:
                chunks.append(text[i:j])
            i = j
        return chunks

    def _fix_sentence_endings(self, chunks):
        i = 0
        while i < len(chunks) - 1:
            c = chunks[i]
            if chunks[i + 1] == ' ' and _sentence_end(c):
                chunks[i + 1] = '  '
                i += 2
            else:
                i += 1

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        if width < 1:
            space_left = 1
        else:
            space_left = width - cur_len
        if self.break_long_words:
            end = space_left
            chunk = reversed_chunks[-1]
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0:
                    for c in chunk[:hyphen]:
                        if c != '-':
                            end = hyphen + 1
                            break
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        lines = []
        if self.width <= 0:
            raise ValueError('invalid width %r (must be > 0)' % self.width)
        if self.max_lines is not None:
            if self.max_lines > 1:
                ind = self.subsequent_indent
            else:
                ind = self.initial_indent
            if len(ind) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError('placeholder too large for max width')
        chunks = list(reversed(chunks))
        while chunks:
            cur_line = []
            cur_len = 0
            ind = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(ind)
            if self.drop_whitespace and chunks[-1].strip() == '' and lines:
                del chunks[-1]
            while chunks:
                size = len(chunks[-1])
                if cur_len + size <= width:
                    cur_line.append(chunks.pop())
                    cur_len += size
                else:
                    break
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = 0
                for c in cur_line:
                    cur_len += len(c)
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line[-1])
                del cur_line[-1]
            if cur_line:
                last_ok = (not chunks or (self.drop_whitespace and len(chunks) == 1 and not chunks[0].strip()))
                if (self.max_lines is None or len(lines) + 1 < self.max_lines
                        or (last_ok and cur_len <= width)):
                    lines.append(ind + ''.join(cur_line))
                else:
                    placed = False
                    while cur_line:
                        if cur_line[-1].strip() and cur_len + len(self.placeholder) <= width:
                            cur_line.append(self.placeholder)
                            lines.append(ind + ''.join(cur_line))
                            placed = True
                            break
                        cur_len -= len(cur_line[-1])
                        del cur_line[-1]
                    if not placed:
                        if lines:
                            prev = lines[-1].rstrip()
                            if len(prev) + len(self.placeholder) <= self.width:
                                lines[-1] = prev + self.placeholder
                                break
                        lines.append(ind + self.placeholder.lstrip())
                    break
        return lines

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return '\n'.join(self.wrap(text))


def _sentence_end(chunk):
    """A chunk ending in lowercase letter + [.!?] + optional quote."""
    n = len(chunk)
    k = n
    if k and chunk[k - 1] in '"\'':
        k -= 1
    if k < 2 or chunk[k - 1] not in '.!?':
        return False
    c = chunk[k - 2]
    return 'a' <= c <= 'z'


def _letter(c):
    return (c == '_' or c.isalnum()) and not c.isdecimal()


def _split_word(text, start, stop):
    """Splits the non-whitespace run text[start:stop] after breakable hyphens and around em-dashes."""
    out = []
    p = start
    while p < stop:
        # an em-dash chunk: two or more hyphens after a word or punctuation character, before a word character
        if text[p] == '-' and p > 0 and _word_punct(text[p - 1]):
            q = p
            while q < stop and text[q] == '-':
                q += 1
            if q - p >= 2 and q < stop and _is_word_char(text[q]):
                out.append(text[p:q])
                p = q
                continue
        j = p + 1
        while True:
            if j >= stop:
                break
            # hyphenated word: break after a hyphen preceded by two letters (or letter-hyphen-letter)
            # and followed by letter, optional hyphen, letter
            if text[j - 1] == '-':
                before = ((j - 3 >= 0 and _letter(text[j - 3]) and _letter(text[j - 2]))
                          or (j - 4 >= 0 and _letter(text[j - 4]) and text[j - 3] == '-' and _letter(text[j - 2])))
                if before and j < stop and _letter(text[j]):
                    if j + 1 < stop and _letter(text[j + 1]):
                        break
                    if j + 2 < stop and text[j + 1] == '-' and _letter(text[j + 2]):
                        break
            # em-dash ahead
            if _word_punct(text[j - 1]) and text.startswith('--', j):
                q = j
                while q < stop and text[q] == '-':
                    q += 1
                if q < stop and _is_word_char(text[q]):
                    break
            j += 1
        out.append(text[p:j])
        p = j
    return out


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def dedent(text):
    lines = text.split('\n')
    margin = None
    for i, line in enumerate(lines):
        stripped = line.lstrip(' \t')
        if not stripped:
            lines[i] = ''
            continue
        lead = line[:len(line) - len(stripped)]
        if margin is None:
            margin = lead
        elif lead.startswith(margin):
            pass
        elif margin.startswith(lead):
            margin = lead
        else:
            k = 0
            while k < len(margin) and k < len(lead) and margin[k] == lead[k]:
                k += 1
            margin = margin[:k]
    if margin:
        n = len(margin)
        for i, line in enumerate(lines):
            if line.startswith(margin):
                lines[i] = line[n:]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    out = []
    for line in text.splitlines(True):
        if (predicate(line) if predicate is not None else line.strip()):
            out.append(prefix + line)
        else:
            out.append(line)
    return ''.join(out)
