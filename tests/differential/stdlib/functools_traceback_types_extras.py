# functools.get_cache_token/recursive_repr/GenericAlias, traceback.print_list,
# types.GenericAlias/UnionType/resolve_bases/get_original_bases.
import functools
import sys
import traceback
import types
import abc

print(functools.get_cache_token() == abc.get_cache_token())
print(functools.GenericAlias is types.GenericAlias, type(list[int]) is types.GenericAlias)
print(type(int | str) is types.UnionType)


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []

    @functools.recursive_repr()
    def __repr__(self):
        return f'Node({self.name}, {self.children})'


a = Node('a')
a.children.append(Node('b'))
a.children.append(a)
print(repr(a))
print(Node.__repr__.__name__, Node.__repr__.__qualname__)


class Box:
    @functools.recursive_repr('<loop>')
    def __repr__(self):
        return f'Box({self.items!r})'


b = Box()
b.items = [1, b]
print(repr(b))

summary = [traceback.FrameSummary('f.py', 3, 'fn', line=None), ('g.py', 10, 'gn', None)]
print(traceback.format_list(summary))
traceback.print_list(summary, file=sys.stdout)


class Base:
    pass


class Entries:
    def __mro_entries__(self, bases):
        return (Base,)


print(types.resolve_bases((int, Entries())) == (int, Base))
print(types.resolve_bases((int, str)) == (int, str))
print(types.get_original_bases(Base))
try:
    types.get_original_bases(3)
except TypeError as e:
    print('TypeError', e)
