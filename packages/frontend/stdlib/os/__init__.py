"""os — operating-system interfaces for Molt (written for Molt from the
documented behaviour of CPython 3.12, POSIX flavour): getcwd, listdir,
environ/getenv, scandir, walk, stat, mkdir/makedirs, remove/unlink, rmdir,
rename/replace, chdir, fspath, the path constants, and os.path.

The host access goes through these `_molt` runtime primitives (implemented in
Rust by the runtime; failures raise the OSError subclass CPython raises —
FileNotFoundError, NotADirectoryError, PermissionError, FileExistsError,
IsADirectoryError — with errno, strerror and filename set):

    _molt.getcwd() -> str
    _molt.listdir(path: str) -> list[str]          entries, without '.' and '..', any order
    _molt.stat_kind(path: str) -> int              following symlinks: 0 missing, 1 file, 2 dir, 3 other
    _molt.lstat_kind(path: str) -> int             not following symlinks: as stat_kind, 4 symlink
    _molt.stat(path: str) -> tuple                 (st_mode, st_size, st_mtime: float), follows symlinks
    _molt.environ() -> dict[str, str]              a fresh copy of the process environment
    _molt.putenv(key: str, value: str) -> None     optional
    _molt.unsetenv(key: str) -> None               optional
    _molt.mkdir(path: str, mode: int) -> None      optional
    _molt.remove(path: str) -> None                optional (unlink a file)
    _molt.rmdir(path: str) -> None                 optional
    _molt.rename(src: str, dst: str) -> None       optional (replaces dst like rename(2))
    _molt.chdir(path: str) -> None                 optional
    _molt.getpid() -> int                          optional

An optional primitive that the runtime lacks makes its os function raise
NotImplementedError. Under CPython (tools/stdlib-under-cpython.py) the same
primitives are served by the `posix` module.
"""
import sys

try:
    import _molt as _prims
except ImportError:
    try:
        import posix as _posix
    except ImportError:
        _posix = None
    _prims = None

__all__ = ['name', 'sep', 'altsep', 'extsep', 'pathsep', 'linesep', 'curdir', 'pardir',
           'defpath', 'devnull', 'path', 'environ', 'getenv', 'putenv', 'unsetenv', 'getcwd',
           'getcwdb', 'listdir', 'scandir', 'walk', 'stat', 'lstat', 'mkdir', 'makedirs',
           'remove', 'unlink', 'rmdir', 'removedirs', 'rename', 'replace', 'chdir', 'getpid',
           'fspath', 'fsencode', 'fsdecode', 'PathLike', 'DirEntry', 'stat_result', 'error',
           'cpu_count', 'urandom', 'system', 'sep']

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
error = OSError
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1


class _CPythonPrims:
    """The `_molt` primitives over CPython's posix module (for testing under CPython only)."""

    def getcwd(self):
        return _posix.getcwd()

    def listdir(self, p):
        return _posix.listdir(p)

    def _kind(self, st):
        fmt = st.st_mode & 0o170000
        if fmt == 0o100000:
            return 1
        if fmt == 0o040000:
            return 2
        if fmt == 0o120000:
            return 4
        return 3

    def stat_kind(self, p):
        try:
            return self._kind(_posix.stat(p))
        except (OSError, ValueError):
            return 0

    def lstat_kind(self, p):
        try:
            return self._kind(_posix.lstat(p))
        except (OSError, ValueError):
            return 0

    def stat(self, p):
        st = _posix.stat(p)
        return (st.st_mode, st.st_size, st.st_mtime)

    def environ(self):
        out = {}
        for k, v in _posix.environ.items():
            out[k.decode('utf-8', 'surrogateescape')] = v.decode('utf-8', 'surrogateescape')
        return out

    def putenv(self, k, v):
        _posix.putenv(k, v)

    def unsetenv(self, k):
        _posix.unsetenv(k)

    def mkdir(self, p, mode):
        _posix.mkdir(p, mode)

    def remove(self, p):
        _posix.remove(p)

    def rmdir(self, p):
        _posix.rmdir(p)

    def rename(self, a, b):
        _posix.rename(a, b)

    def chdir(self, p):
        _posix.chdir(p)

    def getpid(self):
        return _posix.getpid()


class _MissingPrims:
    """No host access at all: the pure parts of os work, the rest raise NotImplementedError."""

    def environ(self):
        return {}

    def putenv(self, key, value):
        pass

    def unsetenv(self, key):
        pass

    def stat_kind(self, p):
        raise NotImplementedError('os.path queries are not supported by Molt yet (the runtime lacks _molt.stat_kind)')

    def __getattr__(self, name):
        def missing(*args):
            raise NotImplementedError('os.%s is not supported by Molt yet (the runtime lacks _molt.%s)' % (name, name))
        return missing


if _prims is None:
    _prims = _CPythonPrims() if _posix is not None else _MissingPrims()


def _prim(name):
    fn = getattr(_prims, name, None)
    if fn is None:
        raise NotImplementedError('os.%s is not supported by Molt yet' % name)
    return fn


# ---------------------------------------------------------------- paths as objects

class _PathLikeMeta(type):
    def __instancecheck__(cls, obj):
        return cls.__subclasscheck__(type(obj))

    def __subclasscheck__(cls, subclass):
        if cls is PathLike:
            return hasattr(subclass, '__fspath__')
        return type.__subclasscheck__(cls, subclass)


class PathLike(metaclass=_PathLikeMeta):
    """Protocol of objects with a file-system representation (__fspath__)."""

    def __fspath__(self):
        raise NotImplementedError

    def __class_getitem__(cls, item):
        return cls


def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    method = getattr(type(path), '__fspath__', None)
    if method is None:
        raise TypeError('expected str, bytes or os.PathLike object, not ' + type(path).__name__)
    result = method(path)
    if isinstance(result, (str, bytes)):
        return result
    raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                    % (type(path).__name__, type(result).__name__))


def fsencode(filename):
    filename = fspath(filename)
    if isinstance(filename, str):
        return filename.encode('utf-8', 'surrogateescape')
    return filename


def fsdecode(filename):
    filename = fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode('utf-8', 'surrogateescape')
    return filename


def _str_path(p):
    p = fspath(p)
    if isinstance(p, bytes):
        return p.decode('utf-8', 'surrogateescape'), True
    return p, False


# ---------------------------------------------------------------- environment

class _Environ(dict):
    """os.environ: a dict of str that forwards changes to the process when the runtime can."""

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError('str expected, not %s' % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError('str expected, not %s' % type(value).__name__)
        fn = getattr(_prims, 'putenv', None)
        if fn is not None:
            fn(key, value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        fn = getattr(_prims, 'unsetenv', None)
        if fn is not None:
            fn(key)

    def pop(self, key, *default):
        if key in self:
            value = dict.__getitem__(self, key)
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, value=None):
        if key not in self:
            self[key] = value
        return dict.__getitem__(self, key)

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def copy(self):
        return dict(self)

    def __repr__(self):
        return 'environ(%s)' % dict.__repr__(self)


environ = _Environ(_prims.environ())


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    _prim('putenv')(key, value)


def unsetenv(key):
    _prim('unsetenv')(key)


# ---------------------------------------------------------------- directories

def getcwd():
    return _prims.getcwd()


def getcwdb():
    return _prims.getcwd().encode('utf-8', 'surrogateescape')


def listdir(path='.'):
    p, as_bytes = _str_path(path)
    names = _prims.listdir(p)
    if as_bytes:
        return [n.encode('utf-8', 'surrogateescape') for n in names]
    return names


def chdir(path):
    _prim('chdir')(_str_path(path)[0])


def mkdir(path, mode=0o777, *, dir_fd=None):
    _prim('mkdir')(_str_path(path)[0], mode)


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        if tail == curdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def remove(path, *, dir_fd=None):
    _prim('remove')(_str_path(path)[0])


unlink = remove


def rmdir(path, *, dir_fd=None):
    _prim('rmdir')(_str_path(path)[0])


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _prim('rename')(_str_path(src)[0], _str_path(dst)[0])


replace = rename


def getpid():
    return _prim('getpid')()


class stat_result(tuple):
    """The fields Molt knows: st_mode, st_size, st_mtime (others are 0)."""

    def __new__(cls, values):
        return tuple.__new__(cls, tuple(values))

    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self[7])
    st_mtime = property(lambda self: self[8])
    st_ctime = property(lambda self: self[9])

    def __repr__(self):
        names = ['st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
                 'st_atime', 'st_mtime', 'st_ctime']
        return 'os.stat_result(%s)' % ', '.join(['%s=%r' % (n, v) for n, v in zip(names, self)])


def stat(path, *, dir_fd=None, follow_symlinks=True):
    mode, size, mtime = _prims.stat(_str_path(path)[0])
    return stat_result((mode, 0, 0, 1, 0, 0, size, int(mtime), mtime, int(mtime)))


def lstat(path, *, dir_fd=None):
    return stat(path)


class DirEntry:
    def __init__(self, dirpath, name):
        self.name = name
        self.path = path.join(dirpath, name)

    def is_dir(self, *, follow_symlinks=True):
        kind = _prims.stat_kind(self.path) if follow_symlinks else _prims.lstat_kind(self.path)
        return kind == 2

    def is_file(self, *, follow_symlinks=True):
        kind = _prims.stat_kind(self.path) if follow_symlinks else _prims.lstat_kind(self.path)
        return kind == 1

    def is_symlink(self):
        return _prims.lstat_kind(self.path) == 4

    def stat(self, *, follow_symlinks=True):
        return stat(self.path)

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)


class _ScandirIterator:
    def __init__(self, p):
        self._entries = [DirEntry(p, n) for n in _prims.listdir(p if p else '.')]
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._i >= len(self._entries):
            raise StopIteration
        e = self._entries[self._i]
        self._i += 1
        return e

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def close(self):
        self._i = len(self._entries)


def scandir(path='.'):
    return _ScandirIterator(_str_path(path)[0])


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    stack = [top]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            yield item
            continue
        try:
            names = listdir(item)
        except OSError as err:
            if onerror is not None:
                onerror(err)
            continue
        dirs = []
        nondirs = []
        for n in names:
            full = path.join(item, n)
            if _prims.stat_kind(full if isinstance(full, str) else fsdecode(full)) == 2:
                dirs.append(n)
            else:
                nondirs.append(n)
        if topdown:
            yield item, dirs, nondirs
            for d in reversed(dirs):
                full = path.join(item, d)
                if followlinks or not path.islink(full):
                    stack.append(full)
        else:
            stack.append((item, dirs, nondirs))
            for d in reversed(dirs):
                full = path.join(item, d)
                if followlinks or not path.islink(full):
                    stack.append(full)


def cpu_count():
    return None


def urandom(size):
    raise NotImplementedError('os.urandom is not supported by Molt yet')


def system(command):
    raise NotImplementedError('os.system is not supported by Molt yet')


def getlogin():
    raise NotImplementedError('os.getlogin is not supported by Molt yet')


def get_terminal_size(fd=1):
    raise NotImplementedError('os.get_terminal_size is not supported by Molt yet')


def open(path, flags, mode=0o777, *, dir_fd=None):
    raise NotImplementedError('os.open is not supported by Molt yet')


def kill(pid, signal):
    raise NotImplementedError('os.kill is not supported by Molt yet')


from os import path
