//! Object-level tests of numbers and text: int/float/complex/bool operators
//! and errors, format(), str methods, %-formatting, str.format, bytes and
//! bytearray. Expected values are CPython 3.12's.

use super::*;
use crate::typeobj::{BinOp, CmpOp};

fn bi(name: &str) -> u64 {
    setup();
    crate::types::dict::dict_get_str(crate::runtime::rt().builtins_dict, name).expect("builtin")
}

fn callb(name: &str, args: &[u64]) -> u64 {
    call(bi(name), args)
}

fn m(o: u64, name: &'static str, args: &[u64]) -> u64 {
    crate::protocols::call::call_method_str(o, name, args)
}

fn op(a: u64, b: u64, o: BinOp) -> u64 {
    crate::protocols::number::binary_op(a, b, o)
}

fn f(x: f64) -> u64 {
    box_float(x)
}

fn st(x: &str) -> u64 {
    crate::types::str::str_from(x)
}

fn big(s: &str) -> u64 {
    callb("int", &[st(s)])
}

/// repr of the result, or "Type: message" of the error.
fn res(v: u64) -> String {
    if v == ERR {
        err_text()
    } else {
        rep(v)
    }
}

#[test]
fn big_int_arithmetic() {
    setup();
    let a = big("123456789012345678901234567890");
    assert_eq!(rep(op(a, a, BinOp::Mul)), "15241578753238836750495351562536198787501905199875019052100");
    assert_eq!(rep(op(int(2), int(100), BinOp::Pow)), "1267650600228229401496703205376");
    assert_eq!(rep(op(int(-7), int(2), BinOp::FloorDiv)), "-4");
    assert_eq!(rep(op(big("-100000000000000000000"), int(7), BinOp::Mod)), "5");
    assert_eq!(rep(op(int(-1), int(200), BinOp::LShift)).len(), 62);
    assert_eq!(rep(op(big("-100000000000000000000"), int(3), BinOp::RShift)), "-12500000000000000000");
    assert_eq!(rep(op(big("-100000000000000000000"), int(255), BinOp::And)), "0");
    assert_eq!(rep(op(int(-12), big("100000000000000000000"), BinOp::Or)), "-12");
    assert_eq!(res(op(int(1), int(0), BinOp::FloorDiv)), "ZeroDivisionError: integer division or modulo by zero");
    assert_eq!(res(op(int(1), int(0), BinOp::Mod)), "ZeroDivisionError: integer modulo by zero");
    assert_eq!(res(op(int(1), int(0), BinOp::TrueDiv)), "ZeroDivisionError: division by zero");
    assert_eq!(res(op(int(1), int(-1), BinOp::LShift)), "ValueError: negative shift count");
    assert_eq!(res(op(int(2), int(-1), BinOp::Pow)), "0.5");
    assert_eq!(res(op(int(0), int(-1), BinOp::Pow)), "ZeroDivisionError: 0.0 cannot be raised to a negative power");
    let p400 = op(int(10), int(400), BinOp::Pow);
    assert_eq!(res(op(p400, int(7), BinOp::TrueDiv)), "OverflowError: integer division result too large for a float");
    assert_eq!(res(op(p400, op(int(10), int(399), BinOp::Pow), BinOp::TrueDiv)), "10.0");
    assert_eq!(res(op(f(1.0), p400, BinOp::Add)), "OverflowError: int too large to convert to float");
    assert_eq!(res(callb("pow", &[int(2), int(-1), int(7)])), "4");
    assert_eq!(res(callb("pow", &[int(4), int(-1), int(6)])), "ValueError: base is not invertible for the given modulus");
    assert_eq!(res(callb("pow", &[int(3), int(200), int(-7)])), "-5");
    assert_eq!(res(callb("divmod", &[int(-7), int(2)])), "(-4, 1)");
    assert_eq!(res(callb("divmod", &[f(1.0), f(0.0)])).contains("ZeroDivisionError"), true);
    assert_eq!(res(callb("round", &[int(25), int(-1)])), "20");
    assert_eq!(res(callb("round", &[int(35), int(-1)])), "40");
    assert_eq!(res(callb("hex", &[int(-255)])), "'-0xff'");
    assert_eq!(res(callb("bin", &[int(5)])), "'0b101'");
    assert_eq!(res(callb("oct", &[int(8)])), "'0o10'");
    assert_eq!(res(m(int(255), "to_bytes", &[int(2), st("little")])), "b'\\xff\\x00'");
    assert_eq!(res(m(int(-1), "bit_length", &[])), "1");
    assert_eq!(res(getattr(int(5), "denominator")), "1");
}

#[test]
fn int_parsing_and_digit_limit() {
    setup();
    assert_eq!(res(callb("int", &[st(" -0x_1f "), int(0)])), "-31");
    assert_eq!(res(callb("int", &[st("12a")])), "ValueError: invalid literal for int() with base 10: '12a'");
    assert_eq!(res(callb("int", &[st("z"), int(37)])), "ValueError: int() base must be >= 2 and <= 36, or 0");
    assert_eq!(res(callb("int", &[f(-3.9)])), "-3");
    assert_eq!(res(callb("int", &[f(f64::INFINITY)])), "OverflowError: cannot convert float infinity to integer");
    assert_eq!(res(callb("int", &[f(f64::NAN)])), "ValueError: cannot convert float NaN to integer");
    assert_eq!(res(callb("int", &[f(1e20)])), "100000000000000000000");
    let s = "9".repeat(4301);
    assert_eq!(
        res(callb("int", &[st(&s)])),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"
    );
    let b = op(int(10), int(4300), BinOp::Pow);
    assert_eq!(
        res(callb("str", &[b])),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    );
    let ok = op(int(10), int(4299), BinOp::Pow);
    assert_eq!(text(ok).len(), 4300);
}

#[test]
fn floats_and_complex() {
    setup();
    assert_eq!(res(f(0.1 + 0.2)), "0.30000000000000004");
    assert_eq!(res(f(1e16)), "1e+16");
    assert_eq!(res(op(f(1.0), f(0.0), BinOp::TrueDiv)), "ZeroDivisionError: float division by zero");
    assert_eq!(res(op(f(1.0), f(0.0), BinOp::FloorDiv)), "ZeroDivisionError: float floor division by zero");
    assert_eq!(res(op(f(1.0), f(0.0), BinOp::Mod)), "ZeroDivisionError: float modulo");
    assert_eq!(res(op(f(-7.5), f(2.0), BinOp::Mod)), "0.5");
    assert_eq!(res(op(f(10.0), f(400.0), BinOp::Pow)), "OverflowError: (34, 'Numerical result out of range')");
    assert_eq!(res(op(f(-8.0), op(int(1), int(3), BinOp::TrueDiv), BinOp::Pow)), "(1.0000000000000002+1.7320508075688772j)");
    assert_eq!(res(op(int(3), f(0.5), BinOp::Mul)), "1.5");
    assert_eq!(res(crate::protocols::compare::richcmp(int(9007199254740993), f(9007199254740992.0), CmpOp::Eq)), "False");
    assert_eq!(res(callb("round", &[f(2.675), int(2)])), "2.67");
    assert_eq!(res(callb("round", &[f(2.5)])), "2");
    assert_eq!(res(callb("float", &[st(" 1_0.5 ")])), "10.5");
    assert_eq!(res(callb("float", &[st("abc")])), "ValueError: could not convert string to float: 'abc'");
    assert_eq!(res(m(f(0.1), "hex", &[])), "'0x1.999999999999ap-4'");
    assert_eq!(res(m(f(0.75), "as_integer_ratio", &[])), "(3, 4)");
    assert_eq!(crate::protocols::hash::hash(f(1.5)).unwrap(), 1152921504606846977);
    assert_eq!(crate::protocols::hash::hash(f(2.0)).unwrap(), crate::protocols::hash::hash(int(2)).unwrap());
    let c = callb("complex", &[int(1), int(2)]);
    assert_eq!(res(c), "(1+2j)");
    assert_eq!(res(op(c, c, BinOp::Mul)), "(-3+4j)");
    assert_eq!(res(op(c, int(0), BinOp::TrueDiv)), "ZeroDivisionError: complex division by zero");
    assert_eq!(res(callb("abs", &[callb("complex", &[int(3), int(4)])])), "5.0");
    assert_eq!(res(callb("complex", &[st("1-2.5j")])), "(1-2.5j)");
    assert_eq!(res(op(TRUE, TRUE, BinOp::Add)), "2");
    assert_eq!(res(op(TRUE, FALSE, BinOp::And)), "False");
    assert_eq!(res(op(TRUE, int(0), BinOp::Or)), "1");
}

#[test]
fn format_builtin_and_fstring_ops() {
    setup();
    let fmt = |v: u64, spec: &str| res(callb("format", &[v, st(spec)]));
    assert_eq!(fmt(int(1234567), ","), "'1,234,567'");
    assert_eq!(fmt(int(255), "#010x"), "'0x000000ff'");
    assert_eq!(fmt(f(3.14159), "08.3f"), "'0003.142'");
    assert_eq!(fmt(f(0.256), ".1%"), "'25.6%'");
    assert_eq!(fmt(st("ab"), "*^6"), "'**ab**'");
    assert_eq!(fmt(TRUE, ">5"), "'    1'");
    assert_eq!(fmt(TRUE, ""), "'True'");
    assert_eq!(fmt(int(97), "c"), "'a'");
    assert_eq!(fmt(st("x"), "d"), "ValueError: Unknown format code 'd' for object of type 'str'");
    assert_eq!(fmt(f(1.5), "x"), "ValueError: Unknown format code 'x' for object of type 'float'");
    let parts = [st("a"), int(1), f(2.5)];
    // SAFETY: parts is a live array of words.
    let r = unsafe { crate::protocols::repr::molt_str_concat(parts.as_ptr(), parts.len()) };
    assert_eq!(res(r), "'a12.5'");
}

#[test]
fn str_methods() {
    setup();
    assert_eq!(res(m(st("  a b  c "), "split", &[])), "['a', 'b', 'c']");
    assert_eq!(res(m(st("a,b,,c"), "split", &[st(","), int(2)])), "['a', 'b', ',c']");
    assert_eq!(res(m(st("a,b,c"), "rsplit", &[st(","), int(1)])), "['a,b', 'c']");
    assert_eq!(res(m(st("-"), "join", &[crate::types::list::list_new(vec![st("x"), st("y")])])), "'x-y'");
    assert_eq!(res(m(st("xxhixx"), "strip", &[st("x")])), "'hi'");
    assert_eq!(res(m(st("aaa"), "replace", &[st("a"), st("b"), int(2)])), "'bba'");
    assert_eq!(res(m(st("héllo"), "find", &[st("l")])), "2");
    assert_eq!(res(m(st("héllo"), "rindex", &[st("l")])), "3");
    assert_eq!(res(m(st("abc"), "index", &[st("z")])), "ValueError: substring not found");
    assert_eq!(res(m(st("abcabc"), "count", &[st("bc")])), "2");
    let tup = crate::types::tuple::tuple_new(vec![st("x"), st("ab")]);
    assert_eq!(res(m(st("abc"), "startswith", &[tup])), "True");
    assert_eq!(res(m(st("straße"), "upper", &[])), "'STRASSE'");
    assert_eq!(res(m(st("hello world"), "title", &[])), "'Hello World'");
    assert_eq!(res(m(st("ab"), "center", &[int(5), st("*")])), "'**ab*'");
    assert_eq!(res(m(st("-42"), "zfill", &[int(6)])), "'-00042'");
    assert_eq!(res(m(st("a\r\nb\nc"), "splitlines", &[TRUE])), "['a\\r\\n', 'b\\n', 'c']");
    assert_eq!(res(m(st("a=b=c"), "rpartition", &[st("=")])), "('a=b', '=', 'c')");
    assert_eq!(res(m(st("a\tb"), "expandtabs", &[int(4)])), "'a   b'");
    assert_eq!(res(m(st("é"), "encode", &[st("ascii")])).starts_with("UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 0"), true);
    assert_eq!(res(m(st("é"), "encode", &[])), "b'\\xc3\\xa9'");
    assert_eq!(res(m(st("{0}-{1}-{0}"), "format", &[st("a"), int(1)])), "'a-1-a'");
    assert_eq!(res(m(st("{:>{}}|"), "format", &[st("x"), int(3)])), "'  x|'");
    assert_eq!(res(m(st("{} {1}"), "format", &[int(1), int(2)])), "ValueError: cannot switch from automatic field numbering to manual field specification");
    assert_eq!(res(m(st("{2}"), "format", &[int(1)])), "IndexError: Replacement index 2 out of range for positional args tuple");
    let getitem = |v: u64, k: u64| crate::protocols::item::getitem(v, k);
    assert_eq!(res(getitem(st("héllo"), int(-1))), "'o'");
    let sl = crate::types::slice::slice_new(NONE, NONE, int(-2));
    assert_eq!(res(getitem(st("héllo"), sl)), "'olh'");
    assert_eq!(res(op(st("ab"), int(3), BinOp::Mul)), "'ababab'");
    assert_eq!(res(callb("ord", &[st("é")])), "233");
    assert_eq!(res(callb("chr", &[int(0x263A)])), "'☺'");
    assert_eq!(res(callb("repr", &[st("a'b\n\u{7f}é\u{200b}")])), "'\"a\\'b\\\\n\\\\x7fé\\\\u200b\"'");
    assert_eq!(res(callb("str", &[crate::types::bytes::bytes_from(b"hi"), st("utf-8")])), "'hi'");
    assert_eq!(res(crate::protocols::item::contains(st("hello"), st("ell")).map(box_bool).unwrap_or(ERR)), "True");
}

#[test]
fn percent_formatting() {
    setup();
    let pct = |fmt: &str, args: &[u64]| {
        let t = crate::types::tuple::tuple_new(args.to_vec());
        res(op(st(fmt), t, BinOp::Mod))
    };
    assert_eq!(pct("%5d|%-5d|%05d|%+d", &[int(42), int(42), int(42), int(42)]), "'   42|42   |00042|+42'");
    assert_eq!(pct("%.2f|%e|%g", &[f(3.14159), f(12345.678), f(1e-5)]), "'3.14|1.234568e+04|1e-05'");
    assert_eq!(pct("%x|%#X|%o", &[int(255), int(255), int(8)]), "'ff|0XFF|10'");
    assert_eq!(pct("%*d|%.*f", &[int(4), int(7), int(1), f(2.25)]), "'   7|2.2'");
    assert_eq!(pct("%s %r", &[st("a"), st("a")]), "\"a 'a'\"");
    assert_eq!(pct("%d", &[st("x")]), "TypeError: %d format: a real number is required, not str");
    assert_eq!(pct("%s %s", &[st("x")]), "TypeError: not enough arguments for format string");
    assert_eq!(pct("%s", &[st("a"), st("b")]), "TypeError: not all arguments converted during string formatting");
    assert_eq!(pct("%y", &[int(1)]), "ValueError: unsupported format character 'y' (0x79) at index 1");
    assert_eq!(pct("%c", &[int(-1)]), "OverflowError: %c arg not in range(0x110000)");
    let d = crate::types::dict::dict_new();
    crate::types::dict::dict_set_str(d, "name", st("Kim"));
    assert_eq!(res(op(st("%(name)s!"), d, BinOp::Mod)), "'Kim!'");
}

#[test]
fn bytes_and_bytearray() {
    setup();
    let b = crate::types::bytes::bytes_from(b"a'b\"\x00\xff");
    assert_eq!(res(b), "b'a\\'b\"\\x00\\xff'");
    let h = crate::types::bytes::bytes_from(b"hello world");
    assert_eq!(res(crate::protocols::item::getitem(h, int(1))), "101");
    assert_eq!(res(m(h, "split", &[])), "[b'hello', b'world']");
    assert_eq!(res(m(h, "upper", &[])), "b'HELLO WORLD'");
    assert_eq!(res(m(h, "hex", &[])), "'68656c6c6f20776f726c64'");
    assert_eq!(res(m(h, "find", &[int(111)])), "4");
    assert_eq!(res(callb("bytes", &[int(3)])), "b'\\x00\\x00\\x00'");
    assert_eq!(res(callb("bytes", &[crate::types::list::list_new(vec![int(65), int(66)])])), "b'AB'");
    assert_eq!(res(callb("bytes", &[crate::types::list::list_new(vec![int(256)])])), "ValueError: bytes must be in range(0, 256)");
    assert_eq!(res(op(h, crate::types::bytes::bytes_from(b"!"), BinOp::Add)), "b'hello world!'");
    assert_eq!(res(m(crate::types::bytes::bytes_from(b"\xff"), "decode", &[])), "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    let ba = callb("bytearray", &[st("ab"), st("ascii")]);
    assert_eq!(res(m(ba, "append", &[int(99)])), "None");
    assert_eq!(res(crate::protocols::item::setitem(ba, int(0), int(122))), "None");
    let sl = crate::types::slice::slice_new(int(1), int(2), NONE);
    assert_eq!(res(crate::protocols::item::setitem(ba, sl, crate::types::bytes::bytes_from(b"XYZ"))), "None");
    assert_eq!(res(ba), "bytearray(b'zXYZc')");
    let r = crate::protocols::number::inplace_op(ba, crate::types::bytes::bytes_from(b"!"), BinOp::Add);
    assert_eq!(res(r), "bytearray(b'zXYZc!')");
    assert_eq!(res(m(ba, "pop", &[])), "33");
    assert_eq!(res(callb("hash", &[ba])).starts_with("TypeError"), true);
    assert_eq!(res(m(crate::types::bytes::bytes_from(b"x"), "fromhex", &[st("de ad")])), "b'\\xde\\xad'");
}

#[test]
fn codecs_iteration_memoryview() {
    setup();
    let s = st("h€😀");
    assert_eq!(res(m(s, "encode", &[st("utf-16-le")])), "b'h\\x00\\xac =\\xd8\\x00\\xde'");
    let b = m(s, "encode", &[st("utf-32")]);
    assert_eq!(res(m(b, "decode", &[st("utf-32")])), "'h€😀'");
    let bad = crate::types::bytes::bytes_from(b"ab\xc3");
    assert_eq!(m(bad, "decode", &[]), ERR);
    let e = take_pending();
    assert_eq!(rep(getattr(e, "start")), "2");
    assert_eq!(rep(getattr(e, "reason")), "'unexpected end of data'");
    decref(e);
    // iteration walks code points
    let it = crate::protocols::iter::iter(s);
    let mut got = Vec::new();
    loop {
        let x = crate::protocols::iter::next(it);
        if x == UNBOUND {
            break;
        }
        got.push(text(x));
    }
    assert_eq!(got, vec!["h", "€", "😀"]);
    let mv = callb("memoryview", &[crate::types::bytes::bytes_from(b"hello")]);
    let sl = crate::types::slice::slice_new(int(1), int(3), NONE);
    assert_eq!(res(callb("bytes", &[crate::protocols::item::getitem(mv, sl)])), "b'el'");
    let t = crate::types::tuple::tuple_new(vec![crate::types::bytes::bytes_from(b"k"), int(5)]);
    assert_eq!(res(op(crate::types::bytes::bytes_from(b"%s=%03d"), t, BinOp::Mod)), "b'k=005'");
    assert_eq!(res(m(st("s"), "upper", &[int(1)])), "TypeError: str.upper() takes no arguments (1 given)");
    assert_eq!(res(m(st("s"), "zfill", &[])), "TypeError: str.zfill() takes exactly one argument (0 given)");
    assert_eq!(res(m(st("s"), "find", &[])), "TypeError: find() takes at least 1 argument (0 given)");
    assert_eq!(res(callb("int", &[st("١٢٣")])), "123");
    assert_eq!(res(m(st("ΣΊΣΥΦΟΣ"), "title", &[])), "'Σίσυφος'");
    assert_eq!(res(m(st("ǅ"), "isupper", &[])), "False");
    assert_eq!(res(callb("repr", &[st("nbsp\u{a0}")])), "\"'nbsp\\\\xa0'\"");
    // block index for non-ASCII indexing
    let long = st(&format!("{}abc{}", "é".repeat(100), "ü".repeat(50)));
    assert_eq!(res(crate::protocols::item::getitem(long, int(101))), "'b'");
    assert_eq!(res(crate::protocols::item::getitem(long, int(-1))), "'ü'");
    let sl = crate::types::slice::slice_new(int(99), int(104), NONE);
    assert_eq!(res(crate::protocols::item::getitem(long, sl)), "'éabcü'");
    assert_eq!(res(m(long, "find", &[st("c"), int(50)])), "102");
}
