"""traceback entries name their functions: tb_frame.f_code and format_exc
(innermost entries; Molt's tracebacks have no entry for the catching frame)."""
import traceback


def inner(x):
    return {"a": 1}[x]


def outer(x):
    return inner(x) + 1


try:
    outer("b")
except KeyError as e:
    lines = traceback.format_exc().splitlines()
    files = [line.split(",", 1)[1] for line in lines if line.lstrip().startswith("File")]
    print(files[-2:], lines[-1])
    tb = e.__traceback__
    names = []
    while tb is not None:
        code = tb.tb_frame.f_code
        names.append((code.co_name, code.co_filename.endswith("traceback_frames.py"), tb.tb_lineno))
        tb = tb.tb_next
    print(names[-2:])
