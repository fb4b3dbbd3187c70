import warnings
import traceback
import sys


def show(message, category, filename, lineno, file=None, line=None):
    print("SHOW", category.__name__, message)


warnings.showwarning = show
warnings.warn("first")
warnings.warn("dep", DeprecationWarning)
warnings.warn("runtime", RuntimeWarning)
for i in range(3):
    warnings.warn("repeated")
print(warnings.formatwarning("msg", UserWarning, "file.py", 12), end="")
print(warnings.formatwarning("msg", FutureWarning, "f.py", 3, "  x = 1  "), end="")

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("one")
    warnings.warn("two", UserWarning)
    warnings.warn(RuntimeWarning("three"))
    warnings.warn("hidden pending", PendingDeprecationWarning)
print([(type(w.message).__name__, str(w.message), w.category.__name__) for w in log])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("now an error")
    except UserWarning as e:
        print("raised", type(e).__name__, e)
    warnings.simplefilter("ignore", category=UserWarning)
    warnings.warn("ignored")
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="skip.*")
    warnings.filterwarnings("error", category=FutureWarning)
    warnings.warn("skip me")
    warnings.warn("Skip case")
    warnings.warn("keep me")
    try:
        warnings.warn("future", FutureWarning)
    except FutureWarning as e:
        print("future raised", e)
print([str(w.message) for w in log])
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for _ in range(3):
        warnings.warn("only once")
print(len(log))
warnings.warn("after context")
try:
    warnings.warn("bad", int)
except TypeError as e:
    print(type(e).__name__, e)


# traceback
def frames_free(lines):
    return [line for line in lines if not line.startswith("  File")]


class AppError(Exception):
    pass


try:
    try:
        {}["missing"]
    except KeyError as e:
        raise AppError("lookup failed") from e
except AppError as e:
    print("".join(frames_free(traceback.format_exception(e))), end="")
    print(traceback.format_exception_only(e), traceback.format_exception_only(type(e), e))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        int("x")
except ValueError:
    text = traceback.format_exc()
    print(text.splitlines()[-1], "During handling" in text, text.startswith("Traceback"))

try:
    try:
        raise OSError("inner")
    except OSError:
        raise RuntimeError("outer") from None
except RuntimeError as e:
    print("".join(frames_free(traceback.format_exception(e))), end="")
    print("".join(frames_free(traceback.format_exception(e, chain=False))), end="")

print(traceback.format_exception_only(ValueError()), traceback.format_exception_only(None, None))
print(traceback.format_exception(KeyError("k")), traceback.format_exception(StopIteration()))
e = ValueError("with note")
e.add_note("note one")
e.add_note("note two")
print(traceback.format_exception_only(e))
print(traceback.format_exc(), end="")
try:
    raise AppError("printed")
except AppError:
    traceback.print_exc(file=sys.stdout) if False else None
    lines = traceback.format_exc().splitlines()
    print(lines[0], lines[-1])
te = traceback.TracebackException.from_exception(AppError("te"))
print(list(te.format()), list(te.format_exception_only()), str(te))
import io
buf = io.StringIO()
traceback.print_exception(ValueError("to buffer"), file=buf)
print(repr(buf.getvalue()))
