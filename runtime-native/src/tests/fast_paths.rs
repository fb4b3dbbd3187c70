//! Tests of the runtime's fast paths against the general code they
//! short-cut: shared-buffer str concatenation, exact float digits in
//! base 10**9, small big-int decimal conversion, cached `str.format`
//! templates. Expected values are CPython 3.12's.

use super::*;
use crate::typeobj::BinOp;
use crate::types::bignum::BigInt;

fn st(x: &str) -> u64 {
    crate::types::str::str_from(x)
}

fn add(a: u64, b: u64) -> u64 {
    crate::protocols::number::binary_op(a, b, BinOp::Add)
}

fn iadd(a: u64, b: u64) -> u64 {
    crate::protocols::number::inplace_op(a, b, BinOp::Add)
}

#[test]
fn str_concat_shares_buffers_without_changing_earlier_strs() {
    setup();
    let mut s = st("");
    let mut history = vec![];
    for i in 0..200 {
        let piece = st(&format!("{}é,", i));
        let n = iadd(s, piece);
        decref(piece);
        history.push(s);
        s = n;
    }
    let mut want = String::new();
    for (i, &h) in history.iter().enumerate() {
        assert_eq!(str_as(h), want, "str {} changed", i);
        assert_eq!(crate::types::str::str_nchars(h), want.chars().count());
        want.push_str(&format!("{}é,", i));
    }
    assert_eq!(str_as(s), want);
    // a str that is not at its buffer's end is copied, not appended to
    let mid = history[100];
    let branch = iadd(mid, st("X"));
    assert_eq!(str_as(branch), format!("{}X", str_as(mid)));
    assert_eq!(str_as(history[101]), format!("{}100é,", str_as(mid)));
    assert_eq!(str_as(s), want);
    // `a + b` may append into spare room too; then `a` is no longer at the end
    let t1 = add(s, st("1"));
    let t2 = add(s, st("2"));
    assert_eq!(str_as(t1), format!("{}1", want));
    assert_eq!(str_as(t2), format!("{}2", want));
    // s + s, and char indexing after concatenation of non-ASCII text
    let d = add(t1, t1);
    assert_eq!(str_as(d), format!("{}1{}1", want, want));
    let i = crate::protocols::item::getitem(d, int(1));
    assert_eq!(str_as(i), "é");
    // freeing in any order keeps the survivors intact
    for h in history.drain(..).rev().step_by(2) {
        decref(h);
    }
    decref(t1);
    assert_eq!(str_as(t2), format!("{}2", want));
    assert_eq!(str_as(d), format!("{}1{}1", want, want));
    let h = crate::protocols::hash::hash(d).unwrap();
    assert_eq!(h, crate::types::str::hash_bytes(str_as(d).as_bytes()));
}

#[test]
fn str_concat_of_subclass_and_errors_take_the_general_path() {
    setup();
    let e = iadd(st("a"), int(1));
    assert_eq!(e, ERR);
    assert_eq!(err_text(), "TypeError: can only concatenate str (not \"int\") to str");
    let a = st("abc");
    let same = iadd(a, st(""));
    assert_eq!(same, a, "s + '' is s for an exact str");
}

#[test]
fn exact_float_digits_match_big_int_arithmetic() {
    use crate::types::floatrepr::{decompose, exact_digits};
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut values = vec![0.1, 1.0 / 7.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456.789, 1e22, 1e23, 0.5];
    for _ in 0..400 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let f = f64::from_bits(x & 0x7fff_ffff_ffff_ffff);
        if f.is_finite() && f != 0.0 {
            values.push(f);
        }
    }
    for f in values {
        let (m, e) = decompose(f);
        let big = if e >= 0 {
            BigInt::from_u64(m).shl(e as u64).to_string_dec()
        } else {
            BigInt::from_u64(m).mul(&BigInt::from_u64(5).pow((-e) as u64)).to_string_dec()
        };
        let dp = big.len() as i32 + if e >= 0 { 0 } else { e as i32 };
        let want = big.trim_end_matches('0').as_bytes().to_vec();
        assert_eq!(exact_digits(f), (want, dp), "digits of {:e}", f);
    }
}

#[test]
fn small_and_medium_big_int_decimal_conversion() {
    let mut v = BigInt::from_u64(1);
    let mut want = String::from("1");
    for i in 0..300u32 {
        assert_eq!(v.to_string_dec(), want, "3**{}", i);
        v = v.mul_small(3);
        // decimal multiply of `want` by 3
        let mut carry = 0u32;
        let mut digits: Vec<u8> = want.bytes().rev().map(|d| d - b'0').collect();
        for d in digits.iter_mut() {
            let x = *d as u32 * 3 + carry;
            *d = (x % 10) as u8;
            carry = x / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
        want = digits.iter().rev().map(|d| (d + b'0') as char).collect();
    }
    assert_eq!(BigInt::from_i64(-(1i64 << 62)).to_string_dec(), "-4611686018427387904");
    assert_eq!(BigInt::from_u64(u64::MAX).mul(&BigInt::from_u64(u64::MAX)).to_string_dec(), "340282366920938463426481119284349108225");
}

#[test]
fn format_templates_cached_and_uncached_agree() {
    setup();
    let fmt = |t: u64, args: &[u64]| crate::protocols::call::call_method_str(t, "format", args);
    let lit = intern("{}:{:>5}|{:.2f}|{!r:^7}|{{}}é");
    let fresh = st("{}:{:>5}|{:.2f}|{!r:^7}|{{}}é");
    for _ in 0..3 {
        for t in [lit, fresh] {
            let r = fmt(t, &[int(7), int(-42), box_float(1.0 / 7.0), st("ab")]);
            assert_eq!(text(r), "7:  -42|0.14| 'ab'  |{}é");
        }
    }
    let bad = intern("{0}{}");
    assert_eq!(fmt(bad, &[int(1), int(2)]), ERR);
    assert_eq!(err_text(), "ValueError: cannot switch from manual field specification to automatic field numbering");
    let pct = crate::protocols::number::binary_op(st("%d/%s|%5.1f%%|é%y"), crate::types::tuple::tuple_new(vec![int(3), st("x"), box_float(2.25), int(1)]), BinOp::Mod);
    assert_eq!(pct, ERR);
    assert_eq!(err_text(), "ValueError: unsupported format character 'y' (0x79) at index 16");
    let pct = crate::protocols::number::binary_op(st("%d/%s|%5.1f%%|é"), crate::types::tuple::tuple_new(vec![int(3), st("x"), box_float(2.25)]), BinOp::Mod);
    assert_eq!(text(pct), "3/x|  2.2%|é");
}

fn set(o: u64, n: &str, v: u64) {
    assert_eq!(crate::protocols::attr::molt_setattr(o, s(n), v), NONE);
}

fn get(o: u64, n: &str) -> u64 {
    crate::protocols::attr::getattr(o, s(n))
}

#[test]
fn instance_attribute_hints_follow_each_instances_own_dict() {
    setup();
    let c = super::classes::class("Hinted", &[], &[("shared", int(100))]);
    let new = || call(c, &[]);
    // instances that set their attributes in different orders, delete
    // some and set them again: each read must see its own dict
    let a = new();
    let b = new();
    set(a, "x", int(1));
    set(a, "y", int(2));
    set(b, "y", int(20));
    set(b, "x", int(10));
    for _ in 0..3 {
        assert_eq!(get(a, "x"), int(1));
        assert_eq!(get(b, "x"), int(10));
        assert_eq!(get(a, "y"), int(2));
        assert_eq!(get(b, "y"), int(20));
    }
    assert_eq!(crate::protocols::attr::molt_delattr(a, s("x")), NONE);
    assert_eq!(get(a, "x"), ERR);
    assert_eq!(err_text(), "AttributeError: 'Hinted' object has no attribute 'x'");
    assert_eq!(get(b, "x"), int(10));
    set(a, "x", int(3));
    set(b, "x", int(30));
    assert_eq!(get(a, "x"), int(3));
    assert_eq!(get(b, "x"), int(30));
    // the class attribute until an instance shadows it
    assert_eq!(get(a, "shared"), int(100));
    set(b, "shared", int(7));
    assert_eq!(get(b, "shared"), int(7));
    assert_eq!(get(a, "shared"), int(100));
    // many instances, many attributes (dicts past the in-object index table)
    let objs: Vec<u64> = (0..50).map(|_| new()).collect();
    for (i, &o) in objs.iter().enumerate() {
        for k in 0..(i % 9) {
            set(o, &format!("a{}", (k + i) % 9), int((i * 100 + k) as i64));
        }
    }
    for (i, &o) in objs.iter().enumerate() {
        for k in 0..9 {
            let set_at = (0..(i % 9)).find(|&j| (j + i) % 9 == k);
            let v = get(o, &format!("a{}", k));
            match set_at {
                Some(j) => assert_eq!(v, int((i * 100 + j) as i64)),
                None => {
                    assert_eq!(v, ERR);
                    err_text();
                }
            }
        }
    }
}

#[test]
fn small_dicts_grow_shrink_and_keep_order() {
    setup();
    let d = crate::types::dict::dict_new();
    for round in 0..3 {
        for i in 0..20 {
            crate::types::dict::dict_set(d, int(i), int(i * round)).unwrap();
            assert_eq!(crate::types::dict::dict_len(d), i as usize + 1);
            for j in 0..=i {
                assert_eq!(crate::types::dict::dict_get(d, int(j)).unwrap(), Some(int(j * round)));
            }
            assert_eq!(crate::types::dict::dict_get(d, int(i + 1)).unwrap(), None);
        }
        assert_eq!(rep(d).len() > 10, true);
        for i in (0..20).rev() {
            assert!(crate::types::dict::dict_del(d, int(i)).unwrap());
        }
        assert_eq!(rep(d), "{}");
    }
    let k = crate::types::dict::dict_new();
    for w in ["b", "a", "c"] {
        crate::types::dict::dict_set(k, st(w), int(1)).unwrap();
    }
    crate::types::dict::dict_del(k, st("a")).unwrap();
    crate::types::dict::dict_set(k, st("a"), int(2)).unwrap();
    assert_eq!(rep(k), "{'b': 1, 'c': 1, 'a': 2}");
}

#[test]
fn small_int_hash_matches_the_modular_hash() {
    setup();
    let edge = (1i64 << 47) - 1;
    for x in [-edge - 1, -edge, -3, -2, -1, 0, 1, 2, 1 << 40, edge] {
        let v = int(x);
        assert!(is_int(v));
        assert_eq!(crate::protocols::hash::hash(v).unwrap(), crate::types::int::hash_i128(x as i128), "hash({})", x);
    }
    assert_eq!(crate::protocols::hash::hash(int(-1)).unwrap(), -2);
}

/// Per-site caches keep the newest entry first, replace the entry of the
/// same type in place of the oldest, and drop the oldest when full.
#[test]
fn site_cache_records_newest_first() {
    use crate::protocols::attr::record_front;
    let mut c = [0u64; 12]; // three entries of 4 words
    let e = |t: u64| [t, t + 100, t + 200, t + 300];
    // SAFETY: c has 12 writable words.
    unsafe {
        record_front(c.as_mut_ptr(), 12, 4, &e(1));
        record_front(c.as_mut_ptr(), 12, 4, &e(2));
        assert_eq!(&c[..8], &[2, 102, 202, 302, 1, 101, 201, 301]);
        record_front(c.as_mut_ptr(), 12, 4, &e(3));
        record_front(c.as_mut_ptr(), 12, 4, &e(4)); // full: type 1 goes
        assert_eq!([c[0], c[4], c[8]], [4, 3, 2]);
        // The same type again (say at a new version) moves to the front, once.
        record_front(c.as_mut_ptr(), 12, 4, &[2, 999, 0, 0]);
        assert_eq!([c[0], c[1], c[4], c[8]], [2, 999, 4, 3]);
        record_front(c.as_mut_ptr(), 12, 4, &[2, 1000, 0, 0]);
        assert_eq!([c[0], c[1], c[4], c[8]], [2, 1000, 4, 3]);
    }
}
