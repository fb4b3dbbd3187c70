# copy — shallow and deep copies (written for Molt from the documented
# behaviour of CPython 3.12): builtin containers are copied directly, class
# instances through __copy__/__deepcopy__ or __class__.__new__ plus their
# __dict__ (and __slots__); deepcopy keeps a memo keyed by id().

__all__ = ['Error', 'copy', 'deepcopy', 'replace']


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type, range,
           type(Ellipsis), type(NotImplemented), frozenset, property)


def _is_function(x):
    return type(x).__name__ in ('function', 'builtin_function_or_method', 'method',
                                'classmethod', 'staticmethod', 'code', 'weakref')


def _copy_state(x, new):
    d = getattr(x, '__dict__', None)
    if d is not None:
        new.__dict__.update(d)
    for klass in type(x).__mro__:
        slots = klass.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if hasattr(x, name):
                object.__setattr__(new, name, getattr(x, name))
    return new


def copy(x):
    cls = type(x)
    if cls in _atomic or _is_function(x):
        return x
    if cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if cls is bytearray:
        return bytearray(x)
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, type):
        return x
    return _reconstruct_shallow(x)


def _reconstruct_shallow(x):
    cls = type(x)
    if isinstance(x, (list, dict, set, tuple)):
        if isinstance(x, tuple):
            return cls.__new__(cls, tuple(x)) if not hasattr(x, '_fields') else cls._make(x)
        new = cls.__new__(cls)
        if isinstance(x, list):
            new.extend(x)
        elif isinstance(x, dict):
            dict.update(new, x)
        else:
            new.update(x)
        return _copy_state(x, new)
    try:
        new = cls.__new__(cls)
    except TypeError:
        raise Error(f'un(shallow)copyable object of type {cls}') from None
    return _copy_state(x, new)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic or _is_function(x) or isinstance(x, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if id(x) in memo:
            return memo[id(x)]
        same = all(a is b for a, b in zip(x, items))
        y = x if same else tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct_deep(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct_deep(x, memo):
    cls = type(x)
    if isinstance(x, tuple):
        items = [deepcopy(a, memo) for a in x]
        y = cls._make(items) if hasattr(x, '_fields') else cls.__new__(cls, items)
        memo[id(x)] = y
        state_src = x
        d = getattr(state_src, '__dict__', None)
        if d:
            y.__dict__.update(deepcopy(d, memo))
        return y
    try:
        y = cls.__new__(cls)
    except TypeError:
        raise Error(f'un(deep)copyable object of type {cls}') from None
    memo[id(x)] = y
    if isinstance(x, list):
        for a in x:
            y.append(deepcopy(a, memo))
    elif isinstance(x, dict):
        for key, value in x.items():
            dict.__setitem__(y, deepcopy(key, memo), deepcopy(value, memo))
    elif isinstance(x, set):
        for a in x:
            y.add(deepcopy(a, memo))
    d = getattr(x, '__dict__', None)
    if d is not None:
        state = deepcopy(d, memo)
        setstate = getattr(y, '__setstate__', None)
        if setstate is not None and type(y).__setstate__ is not getattr(object, '__setstate__', None):
            setstate(state)
        else:
            y.__dict__.update(state)
    for klass in cls.__mro__:
        slots = klass.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if hasattr(x, name):
                object.__setattr__(y, name, deepcopy(getattr(x, name), memo))
    return y


def replace(obj, /, **changes):
    cls = obj.__class__
    func = getattr(cls, '__replace__', None)
    if func is None:
        raise TypeError(f'replace() does not support {cls.__name__} objects')
    return func(obj, **changes)
