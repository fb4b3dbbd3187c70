# Objects stored into lists that held only immediates (ints, floats, bools,
# None), through every way a list changes, then overwritten, removed or
# dropped: `__del__` shows when each object is freed and sys.getrefcount
# deltas show its count. (Molt skips releasing the old item of a list known
# to hold only immediates; a list that kept that knowledge after receiving
# an object would free it late or never.)
import sys


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name

    def __del__(self):
        print("  del", self.name)


def imm():
    return [0, 1.5, True, None] * 2


def count(o):
    return sys.getrefcount(o)


def overwrite(lst, label):
    # Overwrite every slot with an immediate (the compiled item store), then
    # with a float and None; whatever objects were there are freed now.
    for i in range(len(lst)):
        lst[i] = i
    lst[0] = 2.5
    lst[-1] = None
    print(label, "overwritten", lst[:3])


def case_setitem():
    lst = imm()
    o = Obj("setitem")
    before = count(o)
    lst[3] = o
    lst[-2] = o
    print("setitem delta", count(o) - before)
    del o
    lst[3] = 0
    print("setitem one left")
    overwrite(lst, "setitem")


def case_repeat_literal():
    flags = [True] * 10
    for j in range(0, 10, 3):
        flags[j] = False
    flags[4] = Obj("repeat")
    flags[4] = False
    print("repeat after store", flags.count(False))
    lits = [1, 2.0, None, False]
    lits[1] = Obj("literal")
    print("literal", lits)
    lits[1] = 7
    empty = []
    empty.append(1)
    empty.append(Obj("append-to-empty"))
    empty[1] = 0
    print("empty", empty)


def case_append_insert():
    lst = imm()
    lst.append(Obj("append"))
    lst.insert(2, Obj("insert"))
    lst.insert(-100, Obj("insert-front"))
    print("append/insert", lst[0], lst[3], lst[-1])
    overwrite(lst, "append/insert")


def gen_objs(n):
    for i in range(n):
        yield Obj("gen%d" % i)


def case_extend():
    lst = imm()
    lst.extend([Obj("extend-list")])
    lst.extend(gen_objs(2))
    lst.extend((Obj("extend-tuple"),))
    print("extend", lst[-4:])
    overwrite(lst, "extend")
    lst = imm()
    lst += [Obj("iadd")]
    print("iadd", lst[-1])
    overwrite(lst, "iadd")


def case_slices():
    lst = imm()
    lst[1:3] = [Obj("slice-a"), Obj("slice-b"), Obj("slice-c")]
    print("slice", lst[:5])
    overwrite(lst, "slice")
    lst = imm()
    lst[::3] = [Obj("ext0"), Obj("ext1"), Obj("ext2")]
    print("extended slice", lst)
    overwrite(lst, "extended slice")
    lst = imm()
    lst[2:2] = gen_objs(1)
    del lst[0:2]
    print("slice insert", lst[0])
    overwrite(lst, "slice insert")


def case_repeat_objects():
    o = Obj("imul")
    lst = [1, 2]
    lst.append(o)
    before = count(o)
    lst *= 3
    print("imul delta", count(o) - before)
    rep = lst * 2
    print("mul delta", count(o) - before)
    del o
    overwrite(lst, "imul")
    overwrite(rep, "mul")
    shared = [Obj("shared")] * 3
    shared[0] = 0
    shared[1] = 0
    print("shared one left")
    shared[2] = 0
    print("shared done")


def case_comprehensions():
    objs = [Obj("comp%d" % i) if i == 2 else i for i in range(4)]
    print("comprehension", objs)
    overwrite(objs, "comprehension")
    o = Obj("comp-shared")
    many = [o for _ in range(3)]
    before = count(o)
    many[0] = 1
    print("comp delta", count(o) - before)
    del o
    overwrite(many, "comp-shared")


def case_sort():
    lst = [3, 1, 2]
    o = Obj("sort-key")

    def key(x):
        lst.append(o)
        return x

    try:
        lst.sort(key=key)
    except ValueError as e:
        print("sort", e, lst)
    del o
    print("sort after del")
    objs = [2, 1, 0]
    objs.sort(key=lambda x: -x)
    objs[0] = Obj("after-sort")
    objs.sort(key=lambda x: 0 if isinstance(x, Obj) else x)
    print("sorted", objs)
    overwrite(objs, "sorted")


def case_copies():
    lst = imm()
    lst[0] = Obj("copied")
    a = lst.copy()
    b = list(lst)
    c = lst[:]
    d = lst + [0]
    print("copies", a[0], b[0], c[0], d[0])
    overwrite(lst, "copy source")
    overwrite(a, "copy a")
    overwrite(b, "copy b")
    overwrite(c, "copy c")
    print("last copy")
    overwrite(d, "copy d")


def case_init_and_misc():
    lst = imm()
    lst.__init__([Obj("init")])
    print("init", lst)
    overwrite(lst, "init")
    lst = imm()
    lst.append(Obj("popped"))
    p = lst.pop()
    print("pop", p)
    del p
    lst = imm()
    lst.append(Obj("reversed"))
    lst.reverse()
    print("reverse", lst[0])
    overwrite(lst, "reverse")
    lst = imm()
    lst.append(Obj("cleared"))
    lst.clear()
    print("clear", lst)
    lst = imm()
    lst.append(Obj("dropped"))
    del lst
    print("dropped list")


def case_nested():
    grid = [[0] * 3 for _ in range(2)]
    grid[1][2] = Obj("grid")
    print("grid", grid)
    grid[1][2] = 0
    rows = [[0] * 2] * 2
    rows[0][0] = Obj("aliased-row")
    print("rows", rows)
    rows[1][0] = 0


def case_loop_store():
    flags = [False] * 6
    objs = [Obj("loop%d" % i) for i in range(3)]
    i = 0
    while i < 6:
        flags[i] = objs[i % 3]
        i += 2
    del objs
    print("loop stored", flags)
    j = 0
    while j < 6:
        flags[j] = True
        j += 1
    print("loop overwritten", flags)


for case in [case_setitem, case_repeat_literal, case_append_insert, case_extend, case_slices,
             case_repeat_objects, case_comprehensions, case_sort, case_copies, case_init_and_misc,
             case_nested, case_loop_store]:
    print("==", case.__name__)
    case()
print("end")
