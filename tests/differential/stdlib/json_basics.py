import json
from collections import OrderedDict

doc = {"name": "Molt", "version": [1, 2, 3], "nested": {"ok": True, "none": None, "pi": 3.14159, "big": 10 ** 20},
       "text": "quote \" backslash \\ tab \t newline \n ctrl \x01 del \x7f", "unicode": "café ☃ 𝄞", "empty": [], "e": {}}
print(json.dumps(doc))
print(json.dumps(doc, indent=2, sort_keys=True))
print(json.dumps(doc, indent="\t", ensure_ascii=False))
print(json.dumps([1, [2, [3, []]], {}], indent=0))
print(json.dumps({"b": 1, "a": [1, 2]}, separators=(",", ":")), json.dumps([1, 2], indent=1, separators=(", ", " = ")))
print(json.dumps([1.0, 0.1, 1e100, -0.0, 1e-7, 123456789.125, float("nan"), float("inf"), -float("inf")]))
print(json.dumps({1: "int", 2.5: "float", True: "t", None: "n"}), json.dumps({False: 0}))
print(json.dumps("plain"), json.dumps(None), json.dumps(True), json.dumps((1, "two")), json.dumps(12))
print(json.dumps({"k": {1, 2}}, default=sorted), json.dumps(OrderedDict([("z", 1), ("a", 2)])))
print(json.dumps({(1, 2): 1, "ok": 2}, skipkeys=True))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


print(json.dumps([Point(1, 2)], cls=PointEncoder), PointEncoder(sort_keys=True).encode({"b": Point(0, 0), "a": 1}))
print(json.JSONEncoder(indent=2).encode([1, {"a": None}]))

# loads
print(json.loads('{"a": [1, 2.5, -3e2, true, false, null], "b": "x\\u00e9\\n\\ud834\\udd1e\\/"}'))
print(json.loads("  [1, 2]  "), json.loads("0"), json.loads("-0.0"), json.loads('"\\""'), json.loads("1E5"))
print(json.loads("[NaN, Infinity, -Infinity]"), json.loads(b'{"x": 1}'), json.loads(bytearray(b"[2]")))
print(json.loads('{"a": 1, "a": 2}'), json.loads('{"b": 1, "a": 2}', object_pairs_hook=list))
print(json.loads('{"v": 1.5, "n": 7}', parse_float=lambda s: "F" + s, parse_int=lambda s: int(s) * 10))
print(json.loads('{"x": {"y": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.0, 2]', parse_constant=str), json.loads('"tab\\tend"'))
print(json.JSONDecoder().raw_decode('[1] trailing'), json.JSONDecoder().raw_decode('  {"a":1}x', 2))
print(json.loads(json.dumps(doc)) == doc, json.loads('"\\u0041"'))

bad = ["", "   ", "[", "]", "{", "{1:2}", '{"a" 1}', '{"a":}', '{"a":1,}', '{"a":1', "[1,]", "[1 2]", "[1,",
       "tru", "01", "1.", "-", "1 2", '"abc', '"a\\x"', '"\\u12"', '"a\nb"', "nul", '{"a":1}}', "[1]\n\n x",
       "\ufeff[]", "{'a': 1}", "[-]", "1e", ".5", "+1", '"\\'] 
for text in bad:
    try:
        print(repr(text), json.loads(text))
    except json.JSONDecodeError as e:
        print(repr(text), type(e).__name__, e, "|", e.msg, e.pos, e.lineno, e.colno)
for f in [lambda: json.dumps({1, 2}), lambda: json.dumps({(1,): 2}), lambda: json.dumps(float("nan"), allow_nan=False),
          lambda: json.dumps([b"x"]), lambda: json.loads(5), lambda: json.dumps(object())]:
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
a = []
a.append(a)
try:
    json.dumps(a)
except ValueError as e:
    print(type(e).__name__, e)
print(issubclass(json.JSONDecodeError, ValueError))

import io
buf = io.StringIO()
json.dump({"k": [1, 2]}, buf, indent=1)
print(buf.getvalue())
print(json.load(io.StringIO('{"k": [true]}')))
