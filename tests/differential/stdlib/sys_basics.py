"""sys: argv, version_info, maxsize, byteorder, streams, recursion limit, exit."""
import sys

print(type(sys.argv).__name__, len(sys.argv) >= 1, isinstance(sys.argv[0], str))
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, sys.version_info >= (3, 12))
print(sys.version_info)
print(sys.maxsize == 2**63 - 1, sys.byteorder, type(sys.platform).__name__)
n = sys.stdout.write("written\n")
print(n)
sys.stdout.flush()
print("to stderr", file=sys.stderr)
old = sys.getrecursionlimit()
print(old)
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())


def down(k):
    return down(k + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(old)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError", e)
try:
    sys.exit("bye")
except SystemExit as e:
    print("SystemExit", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit", e.code)
print(sys.exc_info() == (None, None, None))
sys.exit(3)
