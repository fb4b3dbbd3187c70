# traceback — formatting exceptions for Molt (written for Molt from the
# documented behaviour of CPython 3.12): format_exception, print_exception,
# format_exc, print_exc, format_exception_only, the cause/context chain with
# CPython's connecting sentences, and a small TracebackException. Molt keeps
# no frame objects: a traceback entry's tb_frame is a small namespace with
# f_code (co_name, co_filename) and f_lineno, so the stack part names each
# function, without source lines; there is no entry for the frame that
# caught the exception.
# Neighbours: sys (stderr, exc_info).
import sys

__all__ = ['extract_stack', 'extract_tb', 'format_exception', 'format_exception_only',
           'format_list', 'print_list', 'format_stack', 'format_tb', 'print_exc', 'format_exc',
           'print_exception', 'print_last', 'print_stack', 'print_tb', 'clear_frames',
           'FrameSummary', 'StackSummary', 'TracebackException', 'walk_stack', 'walk_tb']

_cause_message = '\nThe above exception was the direct cause of the following exception:\n\n'
_context_message = '\nDuring handling of the above exception, another exception occurred:\n\n'


class FrameSummary:
    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno

    @property
    def line(self):
        return self._line

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __getitem__(self, i):
        return (self.filename, self.lineno, self.name, self.line)[i]

    def __len__(self):
        return 4

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno
                    and self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __repr__(self):
        return '<FrameSummary file {filename}, line {lineno} in {name}>'.format(
            filename=self.filename, lineno=self.lineno, name=self.name)


class StackSummary(list):
    @classmethod
    def from_list(klass, a_list):
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        result = StackSummary()
        for f, lineno in frame_gen:
            code = getattr(f, 'f_code', None)
            result.append(FrameSummary(getattr(code, 'co_filename', '<unknown>'), lineno,
                                       getattr(code, 'co_name', '<unknown>')))
        if limit is not None:
            if limit >= 0:
                result = StackSummary(result[:limit])
            else:
                result = StackSummary(result[limit:])
        return result

    def format_frame_summary(self, frame_summary):
        row = '  File "{}", line {}, in {}\n'.format(frame_summary.filename, frame_summary.lineno,
                                                     frame_summary.name)
        if frame_summary.line:
            row += '    {}\n'.format(frame_summary.line.strip())
        return row

    def format(self):
        return [self.format_frame_summary(fs) for fs in self]


def walk_tb(tb):
    while tb is not None:
        yield getattr(tb, 'tb_frame', None), getattr(tb, 'tb_lineno', 0)
        tb = getattr(tb, 'tb_next', None)


def walk_stack(f):
    raise NotImplementedError('traceback.walk_stack is not supported by Molt yet')


def extract_tb(tb, limit=None):
    return StackSummary.extract(walk_tb(tb), limit=limit)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    if file is None:
        file = sys.stderr
    for line in format_list(extracted_list):
        print(line, file=file, end='')


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    if file is None:
        file = sys.stderr
    for line in format_tb(tb, limit):
        print(line, file=file, end='')


def _type_name(etype):
    name = getattr(etype, '__qualname__', None) or getattr(etype, '__name__', str(etype))
    mod = getattr(etype, '__module__', None)
    if mod not in ('__main__', 'builtins', None):
        if not isinstance(mod, str):
            mod = '<unknown>'
        name = mod + '.' + name
    return name


def _some_str(value):
    try:
        return str(value)
    except Exception:
        return '<exception str() failed>'


def _format_only(etype, value):
    if etype is None:
        return [_format_final_exc_line(None, value)]
    stype = _type_name(etype)
    if not (isinstance(etype, type) and issubclass(etype, SyntaxError)) or value is None:
        lines = [_format_final_exc_line(stype, value)]
    else:
        lines = _format_syntax_error(stype, value)
    notes = getattr(value, '__notes__', None)
    if notes is not None:
        if not isinstance(notes, (list, tuple)):
            lines.append('%s\n' % _some_str(notes))
        else:
            for note in notes:
                if not isinstance(note, str):
                    note = _some_str(note)
                lines.append(note + '\n')
    return lines


def _format_final_exc_line(etype, value):
    valuestr = _some_str(value)
    if value is None or not valuestr:
        return '%s\n' % etype
    return '%s: %s\n' % (etype, valuestr)


def _format_syntax_error(stype, value):
    lines = []
    filename_suffix = ''
    if value.lineno is not None:
        lines.append('  File "{}", line {}\n'.format(value.filename or '<string>', value.lineno))
    elif value.filename is not None:
        filename_suffix = ' ({})'.format(value.filename)
    text = value.text
    if text is not None:
        rtext = text.rstrip('\n')
        ltext = rtext.lstrip(' \n\f')
        spaces = len(rtext) - len(ltext)
        lines.append('    {}\n'.format(ltext))
        if value.offset is not None:
            offset = value.offset
            end_offset = getattr(value, 'end_offset', None)
            if end_offset is None or end_offset == 0 or end_offset <= offset:
                end_offset = offset + 1
            if offset == end_offset or end_offset == -1:
                end_offset = offset + 1
            colno = offset - 1 - spaces
            end_colno = end_offset - 1 - spaces
            if colno >= 0:
                caretspace = ''.join([c if c.isspace() else ' ' for c in ltext[:colno]])
                lines.append('    {}{}\n'.format(caretspace, '^' * (end_colno - colno)))
    msg = value.msg or '<no detail available>'
    lines.append('{}: {}{}\n'.format(stype, msg, filename_suffix))
    return lines


def format_exception_only(exc, /, value=None):
    if value is None and not isinstance(exc, type) and exc is not None:
        value = exc
        exc = type(value)
    if value is None and exc is None:
        return ['NoneType: None\n']
    return _format_only(exc, value)


def _chain(value, tb, limit, chain, seen):
    lines = []
    if value is not None and chain:
        seen.add(id(value))
        cause = value.__cause__
        context = value.__context__
        if cause is not None and id(cause) not in seen:
            lines.extend(_chain(cause, cause.__traceback__, limit, chain, seen))
            lines.append(_cause_message)
        elif context is not None and not value.__suppress_context__ and id(context) not in seen:
            lines.extend(_chain(context, context.__traceback__, limit, chain, seen))
            lines.append(_context_message)
    if tb is not None:
        lines.append('Traceback (most recent call last):\n')
        lines.extend(format_tb(tb, limit))
    lines.extend(format_exception_only(type(value) if value is not None else None, value))
    return lines


def _unpack(exc, value, tb):
    if value is _sentinel and tb is _sentinel:
        if exc is None:
            return None, None
        if not isinstance(exc, BaseException):
            raise TypeError('Exception expected for value, %s found' % type(exc).__name__)
        return exc, exc.__traceback__
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError('Both or neither of value and tb must be given')
    return value, tb


_sentinel = object()


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    value, tb = _unpack(exc, value, tb)
    if value is None:
        return ['NoneType: None\n']
    return _chain(value, tb, limit, chain, set())


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(line, file=file, end='')


def _current():
    getter = getattr(sys, 'exception', None)
    if getter is not None:
        return getter()
    info = getattr(sys, 'exc_info', None)
    if info is not None:
        return info()[1]
    return None


def format_exc(limit=None, chain=True):
    return ''.join(format_exception(_current(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(_current(), limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    last = getattr(sys, 'last_exc', None)
    if last is None:
        raise ValueError('no last exception')
    print_exception(last, limit=limit, file=file, chain=chain)


def extract_stack(f=None, limit=None):
    raise NotImplementedError('traceback.extract_stack is not supported by Molt yet')


def format_stack(f=None, limit=None):
    raise NotImplementedError('traceback.format_stack is not supported by Molt yet')


def print_stack(f=None, limit=None, file=None):
    raise NotImplementedError('traceback.print_stack is not supported by Molt yet')


def clear_frames(tb):
    pass


class TracebackException:
    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False, max_group_width=15, max_group_depth=10,
                 _seen=None):
        if _seen is None:
            _seen = set()
        _seen.add(id(exc_value))
        self.exc_type = exc_type
        self._value = exc_value
        self._limit = limit
        self.stack = extract_tb(exc_traceback, limit) if exc_traceback is not None else StackSummary()
        self._str = _some_str(exc_value)
        self.__notes__ = getattr(exc_value, '__notes__', None)
        self.__suppress_context__ = exc_value.__suppress_context__ if exc_value is not None else False
        self.__cause__ = None
        self.__context__ = None
        if exc_value is not None:
            cause = exc_value.__cause__
            if cause is not None and id(cause) not in _seen:
                self.__cause__ = TracebackException(type(cause), cause, cause.__traceback__,
                                                    limit=limit, _seen=_seen)
            context = exc_value.__context__
            if context is not None and id(context) not in _seen:
                self.__context__ = TracebackException(type(context), context, context.__traceback__,
                                                      limit=limit, _seen=_seen)
        self._has_tb = exc_traceback is not None
        if exc_type is not None and issubclass(exc_type, SyntaxError):
            self.filename = exc_value.filename
            self.lineno = exc_value.lineno
            self.text = exc_value.text
            self.offset = exc_value.offset
            self.msg = exc_value.msg

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self):
        return _format_only(self.exc_type, self._value)

    def format(self, *, chain=True, _ctx=None):
        out = []
        if chain:
            if self.__cause__ is not None:
                out.extend(self.__cause__.format(chain=chain))
                out.append(_cause_message)
            elif self.__context__ is not None and not self.__suppress_context__:
                out.extend(self.__context__.format(chain=chain))
                out.append(_context_message)
        if self._has_tb:
            out.append('Traceback (most recent call last):\n')
            out.extend(self.stack.format())
        out.extend(self.format_exception_only())
        return out

    def print(self, *, file=None, chain=True):
        if file is None:
            file = sys.stderr
        for line in self.format(chain=chain):
            print(line, file=file, end='')
