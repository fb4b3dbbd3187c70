import os
import os.path
from os.path import join, split, splitext, basename, dirname, normpath, isabs

print(os.sep, os.pathsep, repr(os.linesep), os.curdir, os.pardir, os.name, os.extsep, os.devnull, os.altsep)
print(join("a", "b", "c"), join("/a", "/b", "c"), join("a/", "b"), join("", "x"), join("a", ""), join(b"x", b"y"))
print(split("/usr/lib/python"), split("file"), split("/"), split("a//b"), split("//x"), split("dir/"))
print(splitext("a/b.tar.gz"), splitext(".bashrc"), splitext("x/.hidden.txt"), splitext("noext"), splitext("a.b/c"), splitext("..."))
print(basename("/a/b/"), basename("/a/b"), dirname("/a/b"), dirname("a"), dirname("/"), dirname("//a"))
for p in ["a/./b/../c", "/../x", "//a//b/", "///a", "", ".", "a/..", "../../a", "a/b/../../..", "/a/b/../../.."]:
    print(repr(p), repr(normpath(p)))
print(isabs("/x"), isabs("x"), os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.commonpath(["/usr/lib", "/usr/local"]))
print(os.path.relpath("/a/b/c", "/a/d"), os.path.relpath("/a", "/a"), os.path.splitdrive("/x/y"), os.path.splitroot("//x/y"))
print(os.path.normcase("AbC"), os.path.expandvars("$NO_SUCH_VAR_X/${NO_SUCH_VAR_Y}/$"), os.path.expanduser("x~"))
os.environ["MOLT_TEST_VAR"] = "value"
print(os.path.expandvars("[$MOLT_TEST_VAR] [${MOLT_TEST_VAR}]"), os.getenv("MOLT_TEST_VAR"), os.getenv("MOLT_MISSING", "dflt"))
print("PATH" in os.environ, isinstance(os.environ["PATH"], str), os.environ.get("MOLT_MISSING"))
del os.environ["MOLT_TEST_VAR"]
print("MOLT_TEST_VAR" in os.environ, os.fspath("p"), os.fsencode("p"), os.fsdecode(b"p"))

cwd = os.getcwd()
print(isabs(cwd), os.path.abspath("x") == join(cwd, "x"), os.path.abspath("/a/../b"), os.path.isdir(cwd))
root = "_os_basics_tmp"
# A run killed half-way leaves the directory behind: start from nothing.
if os.path.isdir(root):
    for top, dirs, files in os.walk(root, topdown=False):
        for name in files:
            os.remove(join(top, name))
        for name in dirs:
            os.rmdir(join(top, name))
    os.rmdir(root)
os.makedirs(join(root, "sub", "deeper"), exist_ok=True)
os.makedirs(join(root, "sub"), exist_ok=True)
with open(join(root, "a.txt"), "w") as f:
    f.write("hello")
with open(join(root, "sub", "b.txt"), "w") as f:
    f.write("hi")
print(sorted(os.listdir(root)), os.path.exists(root), os.path.isfile(join(root, "a.txt")), os.path.isdir(join(root, "a.txt")))
print(os.path.getsize(join(root, "a.txt")), os.path.exists(join(root, "nope")), os.path.isfile(join(root, "sub")), os.path.islink(root))
print(sorted(e.name for e in os.scandir(root)), sorted(e.name for e in os.scandir(root) if e.is_dir()))
for top, dirs, files in os.walk(root):
    dirs.sort()
    print(top, dirs, sorted(files))
print([t for t, _, _ in os.walk(root, topdown=False)])
os.rename(join(root, "a.txt"), join(root, "c.txt"))
print(sorted(os.listdir(root)), os.stat(join(root, "c.txt")).st_size)
for f in [lambda: os.listdir(join(root, "missing")), lambda: os.mkdir(root), lambda: os.remove(join(root, "missing")),
          lambda: os.rmdir(join(root, "sub")), lambda: os.stat(join(root, "zz")), lambda: os.fspath(3), lambda: join("a", b"b"),
          lambda: os.makedirs(join(root, "sub"))]:
    try:
        print(f())
    except (OSError, TypeError) as e:
        print(type(e).__name__, e.args if isinstance(e, OSError) else e)
os.remove(join(root, "c.txt"))
os.remove(join(root, "sub", "b.txt"))
os.rmdir(join(root, "sub", "deeper"))
os.removedirs(join(root, "sub"))
print(os.path.exists(root))


class P:
    def __fspath__(self):
        return "from/pathlike"


print(os.fspath(P()), join(P(), "x"), basename(P()), isinstance(P(), os.PathLike))
