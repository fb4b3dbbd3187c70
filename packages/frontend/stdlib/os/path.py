# os.path — POSIX path manipulation for Molt (written for Molt from the
# documented behaviour of CPython 3.12's posixpath): pure string functions
# (join, split, splitext, basename, dirname, normpath, abspath, relpath,
# commonpath, commonprefix, expanduser, expandvars, isabs, splitdrive,
# splitroot, normcase) and the queries exists/isfile/isdir/islink/lexists/
# getsize/getmtime over the `_molt` primitives that os uses.
# Neighbours: os/__init__.py (primitives, fspath, getcwd, environ).
import os as _os

__all__ = ['normcase', 'isabs', 'join', 'splitdrive', 'splitroot', 'split', 'splitext', 'basename',
           'dirname', 'commonprefix', 'getsize', 'getmtime', 'getatime', 'getctime', 'islink',
           'exists', 'lexists', 'isdir', 'isfile', 'ismount', 'expanduser', 'expandvars',
           'normpath', 'abspath', 'samefile', 'sameopenfile', 'samestat', 'curdir', 'pardir',
           'sep', 'pathsep', 'defpath', 'altsep', 'extsep', 'devnull', 'realpath',
           'supports_unicode_filenames', 'relpath', 'commonpath', 'isjunction']

curdir = '.'
pardir = '..'
extsep = '.'
sep = '/'
pathsep = ':'
defpath = '/bin:/usr/bin'
altsep = None
devnull = '/dev/null'
supports_unicode_filenames = False


def _get_sep(p):
    return b'/' if isinstance(p, bytes) else '/'


def _check_arg_types(funcname, *args):
    hasstr = hasbytes = False
    for s in args:
        if isinstance(s, str):
            hasstr = True
        elif isinstance(s, bytes):
            hasbytes = True
        else:
            raise TypeError('%s() argument must be str, bytes, or os.PathLike object, not %r'
                            % (funcname, s.__class__.__name__))
    if hasstr and hasbytes:
        raise TypeError("Can't mix strings and bytes in path components")


def normcase(s):
    return _os.fspath(s)


def isabs(s):
    s = _os.fspath(s)
    return s.startswith(_get_sep(s))


def join(a, *p):
    a = _os.fspath(a)
    parts = [_os.fspath(b) for b in p]
    _check_arg_types('join', a, *parts)
    sep = _get_sep(a)
    path = a
    for b in parts:
        if b.startswith(sep):
            path = b
        elif not path or path.endswith(sep):
            path += b
        else:
            path += sep + b
    return path


def split(p):
    p = _os.fspath(p)
    sep = _get_sep(p)
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    p = _os.fspath(p)
    if isinstance(p, bytes):
        sep = b'/'
        extsep = b'.'
    else:
        sep = '/'
        extsep = '.'
    sep_index = p.rfind(sep)
    dot_index = p.rfind(extsep)
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index:filename_index + 1] != extsep:
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    p = _os.fspath(p)
    return p[:0], p


def splitroot(p):
    p = _os.fspath(p)
    sep = _get_sep(p)
    empty = p[:0]
    if p[:1] != sep:
        return empty, empty, p
    elif p[1:2] != sep or p[2:3] == sep:
        return empty, sep, p[1:]
    else:
        return empty, p[:2], p[2:]


def basename(p):
    p = _os.fspath(p)
    sep = _get_sep(p)
    i = p.rfind(sep) + 1
    return p[i:]


def dirname(p):
    p = _os.fspath(p)
    sep = _get_sep(p)
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def commonprefix(m):
    if not m:
        return ''
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(_os.fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def _kind(p, follow=True):
    try:
        p = _os.fspath(p)
    except TypeError:
        return 0
    if isinstance(p, bytes):
        p = p.decode('utf-8', 'surrogateescape')
    if '\x00' in p:
        return 0
    return _os._prims.stat_kind(p) if follow else _os._prims.lstat_kind(p)


def exists(path):
    return _kind(path) != 0


def lexists(path):
    return _kind(path, False) != 0


def isfile(path):
    return _kind(path) == 1


def isdir(s):
    return _kind(s) == 2


def islink(path):
    return _kind(path, False) == 4


def isjunction(path):
    return False


def ismount(path):
    p = abspath(path)
    return p == _get_sep(p)


def getsize(filename):
    return _os.stat(filename).st_size


def getmtime(filename):
    return _os.stat(filename).st_mtime


def getatime(filename):
    return _os.stat(filename).st_atime


def getctime(filename):
    return _os.stat(filename).st_ctime


def samefile(f1, f2):
    return abspath(f1) == abspath(f2)


def sameopenfile(fp1, fp2):
    raise NotImplementedError('os.path.sameopenfile is not supported by Molt yet')


def samestat(s1, s2):
    return s1 == s2


def expanduser(path):
    path = _os.fspath(path)
    if isinstance(path, bytes):
        tilde = b'~'
    else:
        tilde = '~'
    if not path.startswith(tilde):
        return path
    sep = _get_sep(path)
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    home = _os.environ.get('HOME')
    if home is None:
        return path
    if isinstance(path, bytes):
        home = home.encode('utf-8', 'surrogateescape')
    root = b'/' if isinstance(path, bytes) else '/'
    home = home.rstrip(root)
    return (home + path[i:]) or root


def expandvars(path):
    path = _os.fspath(path)
    as_bytes = isinstance(path, bytes)
    if as_bytes:
        text = path.decode('utf-8', 'surrogateescape')
    else:
        text = path
    if '$' not in text:
        return path
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        if i + 1 < n and text[i + 1] == '{':
            end = text.find('}', i + 2)
            name = text[i + 2:end] if end >= 0 else ''
            if end < 0 or not name or not _is_var(name, True):
                out.append(c)
                i += 1
                continue
            if name in _os.environ:
                out.append(_os.environ[name])
            else:
                out.append(text[i:end + 1])
            i = end + 1
            continue
        j = i + 1
        while j < n and (text[j].isalnum() or text[j] == '_') and text[j].isascii():
            j += 1
        name = text[i + 1:j]
        if not name:
            out.append(c)
            i += 1
            continue
        if name in _os.environ:
            out.append(_os.environ[name])
        else:
            out.append(text[i:j])
        i = j
    result = ''.join(out)
    if as_bytes:
        return result.encode('utf-8', 'surrogateescape')
    return result


def _is_var(name, braced):
    for ch in name:
        if not ((ch.isalnum() and ch.isascii()) or ch == '_'):
            return False
    return True


def normpath(path):
    path = _os.fspath(path)
    if isinstance(path, bytes):
        sep = b'/'
        empty = b''
        dot = b'.'
        dotdot = b'..'
    else:
        sep = '/'
        empty = ''
        dot = '.'
        dotdot = '..'
    if path == empty:
        return dot
    initial_slashes = 0
    if path.startswith(sep):
        initial_slashes = 1
        if path.startswith(sep * 2) and not path.startswith(sep * 3):
            initial_slashes = 2
    comps = path.split(sep)
    new_comps = []
    for comp in comps:
        if comp in (empty, dot):
            continue
        if (comp != dotdot or (not initial_slashes and not new_comps)
                or (new_comps and new_comps[-1] == dotdot)):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = sep.join(new_comps)
    if initial_slashes:
        path = sep * initial_slashes + path
    return path or dot


def abspath(path):
    path = _os.fspath(path)
    if not isabs(path):
        if isinstance(path, bytes):
            cwd = _os.getcwdb()
        else:
            cwd = _os.getcwd()
        path = join(cwd, path)
    return normpath(path)


def realpath(filename, *, strict=False):
    return abspath(filename)


def relpath(path, start=None):
    path = _os.fspath(path)
    if not path:
        raise ValueError('no path specified')
    if isinstance(path, bytes):
        curdir_, sep_, pardir_ = b'.', b'/', b'..'
    else:
        curdir_, sep_, pardir_ = '.', '/', '..'
    if start is None:
        start = curdir_
    else:
        start = _os.fspath(start)
    start_list = [x for x in abspath(start).split(sep_) if x]
    path_list = [x for x in abspath(path).split(sep_) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir_] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir_
    return join(*rel_list)


def commonpath(paths):
    paths = tuple(map(_os.fspath, paths))
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    if isinstance(paths[0], bytes):
        sep_, curdir_ = b'/', b'.'
    else:
        sep_, curdir_ = '/', '.'
    split_paths = [p.split(sep_) for p in paths]
    isabs_set = set([p[:1] == sep_ for p in paths])
    if len(isabs_set) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    prefix = sep_ if paths[0][:1] == sep_ else sep_[:0]
    split_paths = [[c for c in s if c and c != curdir_] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    return prefix + sep_.join(common)
