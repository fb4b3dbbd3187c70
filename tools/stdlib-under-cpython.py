# stdlib-under-cpython.py — runs a Python program under CPython 3.12 with
# Molt's own Python stdlib (packages/frontend/stdlib) taking precedence over
# CPython's modules of the same names, so our implementations can be checked
# against the differential tests' recorded CPython output before Molt can
# compile them end to end.
#
#   PYENV_VERSION=3.12.1 python3 -I -S tools/stdlib-under-cpython.py PROGRAM.py [args...]
#   PYENV_VERSION=3.12.1 python3 -I -S tools/stdlib-under-cpython.py --check DIR...
#     (--check: run every X.py with an X.out beside it, each in a fresh
#      interpreter, and report the ones whose stdout differs)
import sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))
STDLIB = os.path.join(os.path.dirname(HERE), 'packages', 'frontend', 'stdlib')


def our_modules():
    names = set()
    for entry in os.listdir(STDLIB):
        path = os.path.join(STDLIB, entry)
        if entry.endswith('.py'):
            names.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, '__init__.py')):
            names.add(entry)
    return names


def install():
    sys.dont_write_bytecode = True
    import importlib.util
    import importlib.machinery
    names = our_modules()
    # Modules Molt's Rust runtime provides: load CPython's copies first, so
    # they keep CPython's own dependencies (re uses enum, json uses re, ...).
    import re, json, struct, hashlib, base64, math, time, gc  # noqa: F401

    class MoltStdlibFinder:
        @classmethod
        def find_spec(cls, fullname, path=None, target=None):
            top = fullname.split('.')[0]
            if top not in names:
                return None
            parts = fullname.split('.')
            base = os.path.join(STDLIB, *parts)
            if os.path.isfile(os.path.join(base, '__init__.py')):
                return importlib.util.spec_from_file_location(
                    fullname, os.path.join(base, '__init__.py'),
                    submodule_search_locations=[base])
            if os.path.isfile(base + '.py'):
                return importlib.util.spec_from_file_location(fullname, base + '.py')
            raise ImportError(f'No module named {fullname!r} in the Molt stdlib')

    # Forget CPython's copies (already imported by the interpreter or by
    # importlib itself) so the program and our modules see only ours.
    for mod in list(sys.modules):
        if mod.split('.')[0] in names:
            del sys.modules[mod]
    sys.meta_path.insert(0, MoltStdlibFinder)


def run(program, args):
    sys.argv = [program] + args
    sys.path[0:0] = [os.path.dirname(os.path.abspath(program))]
    with open(program, encoding='utf-8') as f:
        source = f.read()
    code = compile(source, program, 'exec')
    install()
    main = type(sys)('__main__')
    main.__file__ = program
    main.__builtins__ = __builtins__
    sys.modules['__main__'] = main
    exec(code, main.__dict__)


def check(dirs):
    import subprocess
    failed = []
    total = 0
    for d in dirs:
        files = [d] if d.endswith('.py') else [
            os.path.join(root, f) for root, _, fs in os.walk(d) for f in fs if f.endswith('.py')]
        for py in sorted(files):
            out = py[:-3] + '.out'
            if not os.path.exists(out):
                continue
            total += 1
            r = subprocess.run([sys.executable, '-I', '-S', os.path.abspath(__file__), os.path.abspath(py)],
                               cwd=os.path.dirname(os.path.abspath(py)), capture_output=True,
                               env={**os.environ, 'PYTHONIOENCODING': 'utf-8'})
            with open(out, 'rb') as f:
                expected = f.read()
            if r.stdout != expected:
                failed.append(py)
                print(f'FAIL {py}')
                if os.environ.get('VERBOSE'):
                    sys.stdout.write(r.stderr.decode()[-2000:])
    print(f'{total - len(failed)}/{total} passed')
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) >= 2 and sys.argv[1] == '--check':
        sys.exit(check(sys.argv[2:]))
    if len(sys.argv) < 2:
        sys.exit('usage: stdlib-under-cpython.py PROGRAM.py [args...] | --check DIR...')
    run(sys.argv[1], sys.argv[2:])
