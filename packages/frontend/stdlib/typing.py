# typing — type hints at run time for Molt (written for Molt from the
# documented behaviour of CPython 3.12). Annotations are not checked: the
# special forms and generic aliases exist so that subscription (`List[int]`,
# `Optional[str]`, `Callable[[int], str]`), isinstance against the
# collection aliases, `class X(Generic[T])`, `class P(NamedTuple)` and
# `class D(TypedDict)` behave as in CPython.
# Neighbours: collections (namedtuple), collections.abc (isinstance targets).
import collections as _collections
import collections.abc as _abc

__all__ = ['Any', 'Optional', 'Union', 'List', 'Dict', 'Tuple', 'Set', 'FrozenSet', 'Callable',
           'Iterable', 'Iterator', 'Generator', 'Sequence', 'Mapping', 'MutableMapping',
           'MutableSequence', 'MutableSet', 'AbstractSet', 'TypeVar', 'Generic', 'Protocol',
           'NamedTuple', 'TypedDict', 'cast', 'overload', 'final', 'Final', 'ClassVar',
           'Literal', 'Annotated', 'TYPE_CHECKING', 'get_type_hints', 'runtime_checkable',
           'NoReturn', 'Never', 'Self', 'Type', 'Text', 'AnyStr', 'NewType', 'get_origin',
           'get_args', 'no_type_check', 'Deque', 'DefaultDict', 'OrderedDict', 'Counter',
           'ChainMap', 'Hashable', 'Sized', 'Container', 'Collection', 'Reversible',
           'Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'AsyncGenerator',
           'ParamSpec', 'Concatenate', 'TypeAlias', 'TypeGuard', 'Required', 'NotRequired',
           'LiteralString', 'assert_never', 'assert_type', 'reveal_type', 'dataclass_transform',
           'override', 'is_typeddict', 'SupportsInt', 'SupportsFloat', 'SupportsIndex',
           'SupportsAbs', 'SupportsRound', 'SupportsBytes', 'SupportsComplex', 'IO', 'TextIO',
           'BinaryIO', 'KeysView', 'ValuesView', 'ItemsView', 'ContextManager',
           'AsyncContextManager', 'TypeVarTuple', 'Unpack', 'ByteString', 'Pattern', 'Match']

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    if isinstance(obj, (list, tuple)):
        return '[' + ', '.join([_type_repr(a) for a in obj]) + ']'
    if isinstance(obj, str):
        return repr(obj)
    return repr(obj)


class _Final:
    """Base of the typing objects that must not be subclassed."""
    __slots__ = ()


class _SpecialForm(_Final):
    """Any, Optional, Union, ClassVar, Final, Literal, ...: subscription builds an alias."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError('%s is not subscriptable' % self._repr())
        return self._getitem(self, params)

    def _repr(self):
        return 'typing.' + self._name

    def __repr__(self):
        return self._repr()

    def __call__(self, *args, **kwds):
        raise TypeError('Cannot instantiate %r' % self)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError('%s cannot be used with isinstance()' % self._repr())

    def __subclasscheck__(self, cls):
        raise TypeError('%s cannot be used with issubclass()' % self._repr())

    def __reduce__(self):
        return self._name


class _GenericAlias(_Final):
    """A subscripted form such as List[int] or Union[int, str]."""

    def __init__(self, origin, args, name=None, form=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._form = form
        self.__parameters__ = tuple([a for a in args if isinstance(a, TypeVar)])

    def __repr__(self):
        name = self._name
        if name is None:
            name = _type_repr(self.__origin__)
        else:
            name = 'typing.' + name
        if self._form == 'Callable' and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            return '%s[[%s], %s]' % (name, ', '.join([_type_repr(a) for a in self.__args__[0]]),
                                     _type_repr(self.__args__[1]))
        if self._form == 'Callable' and len(self.__args__) == 2 and self.__args__[0] is ...:
            return '%s[..., %s]' % (name, _type_repr(self.__args__[1]))
        if not self.__args__:
            return name + '[()]'
        return '%s[%s]' % (name, ', '.join([_type_repr(a) for a in self.__args__]))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self._form == 'Union' and other._form == 'Union':
            return set(self.__args__) == set(other.__args__)
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        if self._form == 'Union':
            return hash(frozenset(self.__args__))
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if self._form in ('Union', 'Optional', 'Literal', 'ClassVar', 'Final', 'Annotated'):
            raise TypeError('Cannot instantiate %r' % self)
        result = origin(*args, **kwargs)
        return result

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        subst = dict(zip(self.__parameters__, params))
        args = tuple([subst.get(a, a) if isinstance(a, TypeVar) else a for a in self.__args__])
        return _GenericAlias(self.__origin__, args, self._name, self._form)

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if isinstance(origin, type):
            return (origin,)
        return ()

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __subclasscheck__(self, cls):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


class _CollectionAlias(_Final):
    """An unsubscripted alias such as List or Iterable: isinstance delegates to its origin."""

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == 'Callable':
            if len(params) != 2:
                raise TypeError('Callable must be used as Callable[[arg, ...], result].')
            args, result = params
            if isinstance(args, tuple):
                args = list(args)
            return _GenericAlias(self.__origin__, (args, result), self._name, 'Callable')
        if self._name == 'Tuple' and len(params) == 2 and params[1] is ...:
            return _GenericAlias(self.__origin__, params, self._name, 'Tuple')
        if self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError('Too %s arguments for %r; actual %d, expected %d'
                            % ('many' if len(params) > self._nparams else 'few', self,
                               len(params), self._nparams))
        return _GenericAlias(self.__origin__, params, self._name, self._name)

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwargs):
        if self._name in ('List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type'):
            raise TypeError('Type %s cannot be instantiated; use %s() instead'
                            % (self._name, self.__origin__.__name__))
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        if isinstance(other, _CollectionAlias):
            return self.__origin__ is other.__origin__ and self._name == other._name
        return NotImplemented

    def __hash__(self):
        return hash((self.__origin__, self._name))

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


# ---------------------------------------------------------------- special forms

def _flatten_union(params):
    out = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _GenericAlias) and p._form == 'Union':
            items = p.__args__
        elif type(p).__name__ == 'UnionType':
            items = p.__args__
        else:
            items = (p,)
        for item in items:
            if item not in out:
                out.append(item)
    return tuple(out)


def _union_getitem(form, params):
    if params == ():
        raise TypeError('Cannot take a Union of no types.')
    if not isinstance(params, tuple):
        params = (params,)
    args = _flatten_union(params)
    if len(args) == 1:
        return args[0]
    return _UnionAlias(args)


class _UnionAlias(_GenericAlias):
    def __init__(self, args):
        _GenericAlias.__init__(self, Union, args, 'Union', 'Union')

    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return 'typing.Optional[%s]' % _type_repr(other)
        return 'typing.Union[%s]' % ', '.join([_type_repr(a) for a in args])

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if isinstance(a, type) and isinstance(obj, a):
                return True
        return False

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if isinstance(a, type) and issubclass(cls, a):
                return True
        return False


def _optional_getitem(form, param):
    if isinstance(param, tuple):
        raise TypeError('typing.Optional requires a single type. Got %r.' % (param,))
    return Union[param, None]


def _single_getitem(form, param):
    if isinstance(param, tuple) and len(param) != 1:
        raise TypeError('%s accepts only single type.' % form._repr())
    if isinstance(param, tuple):
        param = param[0]
    return _GenericAlias(form, (param,), form._name, form._name)


def _literal_getitem(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _LiteralAlias(params)


class _LiteralAlias(_GenericAlias):
    def __init__(self, args):
        _GenericAlias.__init__(self, Literal, args, 'Literal', 'Literal')

    def __repr__(self):
        return 'typing.Literal[%s]' % ', '.join([repr(a) for a in self.__args__])


def _annotated_getitem(form, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError('Annotated[...] should be used with at least two arguments '
                        '(a type and an annotation).')
    return _AnnotatedAlias(params[0], params[1:])


class _AnnotatedAlias(_GenericAlias):
    def __init__(self, origin, metadata):
        _GenericAlias.__init__(self, origin, (origin,), 'Annotated', 'Annotated')
        self.__metadata__ = tuple(metadata)

    def __repr__(self):
        return 'typing.Annotated[%s, %s]' % (_type_repr(self.__origin__),
                                              ', '.join([repr(a) for a in self.__metadata__]))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


def _concat_getitem(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _GenericAlias(form, params, form._name, form._name)


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
ClassVar = _SpecialForm('ClassVar', _single_getitem)
Final = _SpecialForm('Final', _single_getitem)
TypeGuard = _SpecialForm('TypeGuard', _single_getitem)
Required = _SpecialForm('Required', _single_getitem)
NotRequired = _SpecialForm('NotRequired', _single_getitem)
Unpack = _SpecialForm('Unpack', _single_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)


class Annotated:
    """Annotated[T, x, ...]: T with extra metadata (a class, as in CPython 3.12)."""
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        raise TypeError('Type Annotated cannot be instantiated.')

    def __class_getitem__(cls, params):
        return _annotated_getitem(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        raise TypeError('Cannot subclass typing.Annotated')

Concatenate = _SpecialForm('Concatenate', _concat_getitem)


# ---------------------------------------------------------------- type variables

class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False,
                 infer_variance=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__constraints__ = tuple(constraints)
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)

    def __repr__(self):
        if self.__infer_variance__:
            prefix = ''
        elif self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__bound__ = bound

    @property
    def args(self):
        return _ParamSpecPart(self, 'args')

    @property
    def kwargs(self):
        return _ParamSpecPart(self, 'kwargs')

    def __repr__(self):
        return '~' + self.__name__


class _ParamSpecPart(_Final):
    def __init__(self, origin, kind):
        self.__origin__ = origin
        self._kind = kind

    def __repr__(self):
        return '%s.%s' % (self.__origin__.__name__, self._kind)


class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__

    def __iter__(self):
        yield Unpack[self]


AnyStr = TypeVar('AnyStr', bytes, str)
T = TypeVar('T')
KT = TypeVar('KT')
VT = TypeVar('VT')
T_co = TypeVar('T_co', covariant=True)
V_co = TypeVar('V_co', covariant=True)
VT_co = TypeVar('VT_co', covariant=True)
T_contra = TypeVar('T_contra', contravariant=True)
CT_co = TypeVar('CT_co', covariant=True, bound=type)


# ---------------------------------------------------------------- Generic and Protocol

class Generic:
    """Base of user generic classes: `class Box(Generic[T])`; `Box[int]` is Box itself."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, (TypeVar, ParamSpec, TypeVarTuple)):
                    raise TypeError('Parameters to %s[...] must all be type variables or parameter specification variables.'
                                    % cls.__name__)
            return cls
        return _GenericAlias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)


class _ProtocolMeta(type):
    def __instancecheck__(cls, obj):
        if not cls.__dict__.get('_is_protocol', False):
            return type.__instancecheck__(cls, obj)
        if not cls.__dict__.get('_is_runtime_protocol', False):
            raise TypeError('Instance and class checks can only be used with @runtime_checkable protocols')
        if type.__instancecheck__(cls, obj):
            return True
        for attr in cls.__protocol_attrs__:
            if not hasattr(obj, attr):
                return False
            if callable(getattr(cls, attr, None)) and getattr(obj, attr) is None:
                return False
        return True

    def __subclasscheck__(cls, other):
        if not cls.__dict__.get('_is_protocol', False):
            return type.__subclasscheck__(cls, other)
        if not cls.__dict__.get('_is_runtime_protocol', False):
            raise TypeError('Instance and class checks can only be used with @runtime_checkable protocols')
        if type.__subclasscheck__(cls, other):
            return True
        for attr in cls.__protocol_attrs__:
            found = False
            for base in other.__mro__:
                if attr in base.__dict__:
                    found = base.__dict__[attr] is not None
                    break
            if not found:
                return False
        return True


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Base of structural types; `runtime_checkable` protocols support isinstance by attribute presence."""
    __slots__ = ()
    _is_protocol = True

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if '_is_protocol' not in cls.__dict__:
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)


def _protocol_attrs(cls):
    attrs = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ('Protocol', 'Generic'):
            continue
        for attr in list(base.__dict__.keys()) + list(base.__dict__.get('__annotations__', {}).keys()):
            if not attr.startswith('_abc_') and attr not in (
                    '__abstractmethods__', '__annotations__', '__dict__', '__doc__', '__init__',
                    '__module__', '__new__', '__slots__', '__subclasshook__', '__weakref__',
                    '__class_getitem__', '_is_protocol', '_is_runtime_protocol', '__init_subclass__',
                    '__qualname__', '__parameters__', '__orig_bases__', '__protocol_attrs__',
                    '__non_callable_proto_members__', '__type_params__', '__static_attributes__',
                    '__firstlineno__'):
                attrs.add(attr)
    return attrs


def runtime_checkable(cls):
    if not getattr(cls, '_is_protocol', False):
        raise TypeError('@runtime_checkable can be only applied to protocol classes, got %r' % cls)
    cls._is_runtime_protocol = True
    cls.__protocol_attrs__ = _protocol_attrs(cls)
    return cls


# ---------------------------------------------------------------- collection aliases

Hashable = _CollectionAlias(_abc.Hashable, 'Hashable', 0)
Awaitable = _CollectionAlias(_abc.Awaitable, 'Awaitable', 1)
Coroutine = _CollectionAlias(_abc.Coroutine, 'Coroutine', 3)
AsyncIterable = _CollectionAlias(_abc.AsyncIterable, 'AsyncIterable', 1)
AsyncIterator = _CollectionAlias(_abc.AsyncIterator, 'AsyncIterator', 1)
AsyncGenerator = _CollectionAlias(_abc.AsyncGenerator, 'AsyncGenerator', 2)
Iterable = _CollectionAlias(_abc.Iterable, 'Iterable', 1)
Iterator = _CollectionAlias(_abc.Iterator, 'Iterator', 1)
Reversible = _CollectionAlias(_abc.Reversible, 'Reversible', 1)
Sized = _CollectionAlias(_abc.Sized, 'Sized', 0)
Container = _CollectionAlias(_abc.Container, 'Container', 1)
Collection = _CollectionAlias(_abc.Collection, 'Collection', 1)
Callable = _CollectionAlias(_abc.Callable, 'Callable')
AbstractSet = _CollectionAlias(_abc.Set, 'AbstractSet', 1)
MutableSet = _CollectionAlias(_abc.MutableSet, 'MutableSet', 1)
Mapping = _CollectionAlias(_abc.Mapping, 'Mapping', 2)
MutableMapping = _CollectionAlias(_abc.MutableMapping, 'MutableMapping', 2)
Sequence = _CollectionAlias(_abc.Sequence, 'Sequence', 1)
MutableSequence = _CollectionAlias(_abc.MutableSequence, 'MutableSequence', 1)
ByteString = _CollectionAlias(_abc.ByteString, 'ByteString', 0)
MappingView = _CollectionAlias(_abc.MappingView, 'MappingView', 1)
KeysView = _CollectionAlias(_abc.KeysView, 'KeysView', 1)
ItemsView = _CollectionAlias(_abc.ItemsView, 'ItemsView', 2)
ValuesView = _CollectionAlias(_abc.ValuesView, 'ValuesView', 1)
Generator = _CollectionAlias(_abc.Generator, 'Generator', 3)
Tuple = _CollectionAlias(tuple, 'Tuple')
List = _CollectionAlias(list, 'List', 1)
Deque = _CollectionAlias(_collections.deque, 'Deque', 1)
Set = _CollectionAlias(set, 'Set', 1)
FrozenSet = _CollectionAlias(frozenset, 'FrozenSet', 1)
Dict = _CollectionAlias(dict, 'Dict', 2)
DefaultDict = _CollectionAlias(_collections.defaultdict, 'DefaultDict', 2)
OrderedDict = _CollectionAlias(_collections.OrderedDict, 'OrderedDict', 2)
Counter = _CollectionAlias(_collections.Counter, 'Counter', 1)
ChainMap = _CollectionAlias(_collections.ChainMap, 'ChainMap', 2)
Type = _CollectionAlias(type, 'Type', 1)
Text = str


class _ContextManagerBase:
    def __enter__(self):
        return self


ContextManager = _CollectionAlias(object, 'ContextManager', 1)
AsyncContextManager = _CollectionAlias(object, 'AsyncContextManager', 1)


class _PatternPlaceholder:
    pass


Pattern = _CollectionAlias(_PatternPlaceholder, 'Pattern', 1)
Match = _CollectionAlias(_PatternPlaceholder, 'Match', 1)


class IO(Generic):
    __slots__ = ()


class TextIO(IO):
    __slots__ = ()


class BinaryIO(IO):
    __slots__ = ()


def _supports(name, method):
    def check(cls, C):
        for base in C.__mro__:
            if method in base.__dict__:
                return True
        return NotImplemented
    from abc import ABCMeta
    proto = ABCMeta(name, (), {'__subclasshook__': classmethod(check), '__slots__': ()})
    proto.__module__ = 'typing'
    return proto


SupportsInt = _supports('SupportsInt', '__int__')
SupportsFloat = _supports('SupportsFloat', '__float__')
SupportsComplex = _supports('SupportsComplex', '__complex__')
SupportsBytes = _supports('SupportsBytes', '__bytes__')
SupportsIndex = _supports('SupportsIndex', '__index__')
SupportsAbs = _supports('SupportsAbs', '__abs__')
SupportsRound = _supports('SupportsRound', '__round__')


# ---------------------------------------------------------------- NamedTuple and TypedDict

class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if ns.get('_root', False):
            return type.__new__(mcls, typename, bases, ns)
        types = ns.get('__annotations__', {})
        fields = list(types.keys())
        defaults = []
        for name in fields:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError('Non-default namedtuple field %s cannot follow default field%s %s'
                                % (name, 's' if len(defaults) > 1 else '',
                                   ', '.join(fields[fields.index(name) - len(defaults):fields.index(name)])))
        base = _collections.namedtuple(typename, fields, defaults=defaults,
                                       module=ns.get('__module__', '__main__'))
        base.__annotations__ = dict(types)
        body = {}
        for key, value in ns.items():
            if key in ('__annotations__', '_root', '__qualname__'):
                continue
            if key in fields:
                continue
            if key in ('_make', '_asdict', '_replace', '_fields', '_field_defaults', '__new__',
                       '__init__', '__slots__', '__getnewargs__', '_source'):
                raise AttributeError('Cannot overwrite NamedTuple attribute ' + key)
            body[key] = value
        body['__slots__'] = ()
        body['__annotations__'] = dict(types)
        nt = type(typename, (base,), body)
        if '__qualname__' in ns:
            nt.__qualname__ = ns['__qualname__']
        return nt


class _NamedTupleBase(metaclass=_NamedTupleMeta):
    _root = True


def NamedTuple(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = list(kwargs.items())
    names = [f[0] for f in fields]
    nt = _collections.namedtuple(typename, names)
    nt.__annotations__ = dict(fields)
    return nt


def _namedtuple_mro_entries(bases):
    return (_NamedTupleBase,)


NamedTuple.__mro_entries__ = _namedtuple_mro_entries


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get('__annotations__', {}))
        own = ns.get('__annotations__', {})
        annotations.update(own)
        ns = dict(ns)
        ns['__annotations__'] = annotations
        tp = type.__new__(mcls, name, (dict,), ns)
        tp.__total__ = total
        required = set()
        optional = set()
        for base in bases:
            required.update(base.__dict__.get('__required_keys__', ()))
            optional.update(base.__dict__.get('__optional_keys__', ()))
        for key, value in own.items():
            form = getattr(value, '_form', None)
            if form == 'Required' or (total and form != 'NotRequired'):
                required.add(key)
            else:
                optional.add(key)
        tp.__required_keys__ = frozenset(required)
        tp.__optional_keys__ = frozenset(optional)
        return tp

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __instancecheck__(cls, obj):
        raise TypeError('TypedDict does not support instance and class checks')

    __subclasscheck__ = __instancecheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    ns = {'__annotations__': dict(fields)}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, 'TypedDict', (), {})


def _typeddict_mro_entries(bases):
    return (_TypedDict,)


TypedDict.__mro_entries__ = _typeddict_mro_entries


def is_typeddict(tp):
    return isinstance(tp, _TypedDictMeta)


# ---------------------------------------------------------------- functions

def cast(typ, val):
    return val


def assert_type(val, typ):
    return val


def assert_never(arg):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError('Expected code to be unreachable, but got: %s' % value)


def reveal_type(obj):
    import sys
    print('Runtime type is %r' % type(obj).__name__, file=sys.stderr)
    return obj


_overload_registry = {}


def overload(func):
    key = getattr(func, '__qualname__', None)
    if key is not None:
        _overload_registry.setdefault(key, []).append(func)

    def _overload_dummy(*args, **kwds):
        raise NotImplementedError('You should not call an overloaded function. A series of '
                                  '@typing.overload-decorated functions outside a stub module '
                                  'should always be followed by an implementation that is not '
                                  '@typing.overload-ed.')
    return _overload_dummy


def get_overloads(func):
    return list(_overload_registry.get(getattr(func, '__qualname__', None), []))


def clear_overloads():
    _overload_registry.clear()


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def override(method):
    try:
        method.__override__ = True
    except (AttributeError, TypeError):
        pass
    return method


def no_type_check(arg):
    try:
        arg.__no_type_check__ = True
    except (AttributeError, TypeError):
        pass
    return arg


def no_type_check_decorator(decorator):
    return decorator


def dataclass_transform(*, eq_default=True, order_default=False, kw_only_default=False,
                        frozen_default=False, field_specifiers=(), **kwargs):
    def decorator(cls_or_fn):
        cls_or_fn.__dataclass_transform__ = {
            'eq_default': eq_default, 'order_default': order_default,
            'kw_only_default': kw_only_default, 'frozen_default': frozen_default,
            'field_specifiers': field_specifiers, 'kwargs': kwargs}
        return cls_or_fn
    return decorator


class NewType:
    def __init__(self, name, tp):
        self.__qualname__ = name
        if '.' in name:
            name = name.rpartition('.')[-1]
        self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = '__main__'

    def __repr__(self):
        return '%s.%s' % (self.__module__, self.__qualname__)

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


def get_origin(tp):
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, _GenericAlias):
        origin = tp.__origin__
        if isinstance(origin, _SpecialForm) or isinstance(origin, type):
            return origin
        return origin
    if isinstance(tp, _CollectionAlias):
        return tp.__origin__
    if tp is Generic:
        return Generic
    origin = getattr(tp, '__origin__', None)
    if origin is not None and type(tp).__name__ in ('GenericAlias', 'UnionType'):
        return origin
    if type(tp).__name__ == 'UnionType':
        return Union
    return None


def get_args(tp):
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _GenericAlias):
        args = tp.__args__
        if tp._form == 'Callable' and len(args) == 2 and isinstance(args[0], list):
            return (args[0], args[1])
        return args
    args = getattr(tp, '__args__', None)
    if isinstance(args, tuple) and type(tp).__name__ in ('GenericAlias', 'UnionType'):
        return args
    return ()


def _strip_annotations(t):
    if isinstance(t, _AnnotatedAlias):
        return t.__origin__
    if isinstance(t, _GenericAlias) and t._form in ('Required', 'NotRequired'):
        return _strip_annotations(t.__args__[0])
    return t


def _resolve(value, namespaces):
    if value is None:
        return type(None)
    if isinstance(value, str):
        name = value.strip()
        for ns in namespaces:
            if ns is not None and name in ns:
                return ns[name]
        import builtins
        if hasattr(builtins, name):
            return getattr(builtins, name)
        if name in globals():
            return globals()[name]
        raise NameError("name '%s' is not defined" % name)
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    import sys
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            module = sys.modules.get(base.__module__) if hasattr(sys, 'modules') else None
            base_ns = getattr(module, '__dict__', None) if globalns is None else globalns
            for name, value in ann.items():
                hints[name] = _resolve(value, [localns, base_ns, dict(vars(base))])
    else:
        ann = getattr(obj, '__annotations__', None)
        if ann is None:
            if callable(obj) or hasattr(obj, '__dict__'):
                return {}
            raise TypeError('%r is not a module, class, method, or function.' % (obj,))
        ns = globalns
        if ns is None:
            ns = getattr(obj, '__globals__', None)
            if ns is None:
                ns = getattr(obj, '__dict__', None)
        for name, value in ann.items():
            hints[name] = _resolve(value, [localns, ns])
    if not include_extras:
        hints = {k: _strip_annotations(v) for k, v in hints.items()}
    return hints
