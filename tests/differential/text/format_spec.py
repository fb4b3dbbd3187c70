"""format(), f-strings and str.format with the format-spec mini-language."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


ints = [0, 7, -42, 255, 1234567, -10 ** 12, 2 ** 70]
for spec in ["", "d", "5d", "<6", "^7", "=+8", "08", "+", " ", ",", "_", "x", "#X", "#o", "b", "#010b", "_x", "08_b", "e", ".2f", "%", "n", "c"]:
    out = []
    for v in ints:
        try:
            out.append(format(v, spec))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__)
    print(repr(spec), out)
floats = [0.0, -0.0, 1.5, -2.25, 1234.5678, 1e-7, 1e16, 12345678901.234, float("inf"), float("nan")]
for spec in ["", ".3", "#.3", "f", ".2f", "10.3f", "<10.1f", "^12.2e", "e", ".0e", "E", "g", ".3g", "#g", "G", "%", ".1%", ",", ",.2f", "015,.2f", "z.1f", "+.2f", " .1f", "n", "010", "*>12"]:
    print(repr(spec), [format(v, spec) for v in floats])
for spec in ["", "5", "<5", ">5", "^6", "*^7", ".2", "8.3", "=<4"]:
    print(repr(spec), [format(v, spec) for v in ["", "ab", "héllo"]])
w, p = 10, 3
x = 3.14159
print(f"{x:{w}.{p}f}|{x!r:>12}|{'s'!a}|{'é'!a}|{x=}|{w * 2 = }|{{literal}}")
print("{:>8}|{:<8}|{:^8}|{:*^8}|{:08.3f}|{:+d}|{:x}|{:#o}".format("r", "l", "c", "s", 3.14159, 5, 255, 8))
print("{0}{1}{0}".format("ab", "cd"), "{name}-{0}".format(1, name="n"), "{0[1]}{0[0]}".format("xy"), "{:{}}|".format(42, 6))
print("{0.real} {0.imag}".format(3 + 4j), "{d[k]}".format(d={"k": "v"}), "{:,}".format(10 ** 10), "{!r}".format("q"))
show("unknown_code", lambda: format(1, "q"))
show("str_code", lambda: format("x", "d"))
show("float_code", lambda: format(1.5, "x"))
show("precision_int", lambda: format(1, ".2"))
show("sign_str", lambda: format("x", "+"))
show("alt_str", lambda: format("x", "#"))
show("eq_str", lambda: format("x", "=5"))
show("comma_x", lambda: format(1, ",x"))
show("both", lambda: format(1, ",_"))
show("invalid", lambda: format(1, "xx<5"))
show("missing_prec", lambda: format(1.0, "."))
show("c_range", lambda: format(-1, "c"))
show("c_sign", lambda: format(65, "+c"))
show("z_int", lambda: format(1, "z"))
show("fmt_index", lambda: "{2}".format(1, 2))
show("fmt_key", lambda: "{name}".format())
show("fmt_switch", lambda: "{0} {}".format(1, 2))
show("fmt_brace", lambda: "{".format())
show("fmt_close", lambda: "}".format())
show("fmt_conv", lambda: "{0!x}".format(1))
show("fmt_attr", lambda: "{0.nope}".format(1))
