"""string (constants, capwords, Template), types (SimpleNamespace, type names) and io (StringIO, BytesIO)."""
import string
import types
import io


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits, repr(string.whitespace))
print(string.punctuation, len(string.printable), string.capwords("  hello   big world "), string.capwords("a-b-c", "-"))
t = string.Template("$who likes ${what}; $$5 costs $$$amt")
print(t.substitute(who="tim", what="kung pao", amt=3), t.substitute({"who": "a", "what": "b", "amt": 1}, who="z"))
print(t.safe_substitute(who="tim"), string.Template("$x $").safe_substitute(x=1), t.get_identifiers(), t.is_valid())
attempt("missing", lambda: t.substitute(who="tim"))
attempt("invalid", lambda: string.Template("ok\nbad $ here").substitute(x=1))
attempt("invalid brace", lambda: string.Template("${x").substitute(x=1))
ns = types.SimpleNamespace(a=1, b="x")
ns.c = [1]
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x", c=[1]))


def gen():
    yield 1


print(isinstance(gen(), types.GeneratorType), isinstance(gen, types.FunctionType), isinstance(len, types.BuiltinFunctionType))
print(isinstance(lambda: 0, types.LambdaType), isinstance(types, types.ModuleType), type(None) is types.NoneType)
s = io.StringIO("line1\nline2\nline3")
print(repr(s.readline()), s.tell(), repr(s.read(3)), repr(s.read()), repr(s.read()))
s.seek(0)
print(s.readlines())
out = io.StringIO()
out.write("abc")
out.write("def")
out.seek(1)
out.write("X")
print(repr(out.getvalue()), out.tell(), print("via file", file=out), repr(out.getvalue()))
attempt("write int", lambda: out.write(5))
out.close()
attempt("closed", lambda: out.getvalue())
b = io.BytesIO(b"ab\ncd")
print(b.readline(), b.read(), b.write(b"ef"), b.getvalue(), list(io.StringIO("x\ny")))
attempt("bytes write str", lambda: b.write("s"))
