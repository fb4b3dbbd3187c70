//! Tests of the container types and builtins (list, tuple, dict, set,
//! range, slice, iterators, sorted/min/max/sum/any/all). Expected values
//! were taken from CPython 3.12.1.

use super::*;
use crate::protocols::compare::richcmp;
use crate::protocols::item::{getitem, setitem};
use crate::typeobj::*;
use crate::types::list::*;
use crate::types::tuple::*;

fn bi(name: &str) -> u64 {
    crate::types::dict::dict_get_str(crate::runtime::rt().builtins_dict, name).expect(name)
}
fn ints(xs: &[i64]) -> Vec<u64> {
    xs.iter().map(|&i| int(i)).collect()
}
fn l(xs: &[i64]) -> u64 {
    list_new(ints(xs))
}
fn t(xs: &[i64]) -> u64 {
    tuple_new(ints(xs))
}
fn set_of(xs: &[i64]) -> u64 {
    call(bi("set"), &[l(xs)])
}
fn m(obj: u64, name: &'static str, args: &[u64]) -> u64 {
    crate::protocols::call::call_method_str(obj, name, args)
}
fn slice(a: u64, b: u64, c: u64) -> u64 {
    crate::types::slice::slice_new(a, b, c)
}
fn hash_of(v: u64) -> i64 {
    crate::protocols::hash::hash(v).unwrap()
}
/// repr of a value, or "Type: message" when it is ERR.
fn res(v: u64) -> String {
    if v == ERR {
        err_text()
    } else {
        rep(v)
    }
}

#[test]
fn list_indexing_and_errors() {
    setup();
    let a = l(&[1, 2, 3, 4, 5]);
    assert_eq!(rep(getitem(a, int(-1))), "5");
    assert_eq!(res(getitem(a, int(5))), "IndexError: list index out of range");
    assert_eq!(res(getitem(a, s("x"))), "TypeError: list indices must be integers or slices, not str");
    assert_eq!(rep(getitem(a, slice(int(1), int(4), NONE))), "[2, 3, 4]");
    assert_eq!(rep(getitem(a, slice(NONE, NONE, int(-2)))), "[5, 3, 1]");
    assert_eq!(rep(getitem(a, slice(int(-100), int(100), int(3)))), "[1, 4]");
    assert_eq!(res(getitem(a, slice(NONE, NONE, int(0)))), "ValueError: slice step cannot be zero");
    assert_eq!(res(setitem(a, int(9), int(0))), "IndexError: list assignment index out of range");
    assert_eq!(res(setitem(a, int(9), UNBOUND)), "IndexError: list assignment index out of range");
    assert_eq!(res(m(list_new(vec![]), "pop", &[])), "IndexError: pop from empty list");
    assert_eq!(res(m(a, "pop", &[int(10)])), "IndexError: pop index out of range");
    assert_eq!(res(m(a, "remove", &[int(10)])), "ValueError: list.remove(x): x not in list");
    assert_eq!(res(m(a, "index", &[int(10)])), "ValueError: 10 is not in list");
    assert_eq!(rep(m(a, "index", &[int(4), int(-3)])), "3");
    assert_eq!(res(m(a, "index", &[int(1), int(1)])), "ValueError: 1 is not in list");
}

#[test]
fn list_slice_assignment_and_deletion() {
    setup();
    let a = l(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(setitem(a, slice(int(2), int(5), NONE), l(&[20])), NONE);
    assert_eq!(rep(a), "[0, 1, 20, 5, 6, 7, 8, 9]");
    assert_eq!(setitem(a, slice(int(0), int(0), NONE), t(&[-2, -1])), NONE);
    assert_eq!(rep(a), "[-2, -1, 0, 1, 20, 5, 6, 7, 8, 9]");
    assert_eq!(setitem(a, slice(NONE, NONE, int(3)), l(&[9, 9, 9, 9])), NONE);
    assert_eq!(rep(a), "[9, -1, 0, 9, 20, 5, 9, 7, 8, 9]");
    assert_eq!(
        res(setitem(a, slice(NONE, NONE, int(2)), l(&[1]))),
        "ValueError: attempt to assign sequence of size 1 to extended slice of size 5"
    );
    assert_eq!(res(setitem(a, slice(int(0), int(1), NONE), int(5))), "TypeError: can only assign an iterable");
    assert_eq!(setitem(a, slice(NONE, NONE, int(-2)), UNBOUND), NONE);
    assert_eq!(rep(a), "[9, 0, 20, 9, 8]");
    assert_eq!(setitem(a, slice(int(1), int(3), NONE), UNBOUND), NONE);
    assert_eq!(rep(a), "[9, 9, 8]");
    // a[:] = a
    assert_eq!(setitem(a, slice(NONE, NONE, NONE), a), NONE);
    assert_eq!(rep(a), "[9, 9, 8]");
    // a[1:1] = a
    assert_eq!(setitem(a, slice(int(1), int(1), NONE), a), NONE);
    assert_eq!(rep(a), "[9, 9, 9, 8, 9, 8]");
}

#[test]
fn list_operators_and_methods() {
    setup();
    let a = l(&[1, 2]);
    assert_eq!(rep(crate::protocols::number::binary_op(a, l(&[3]), BinOp::Add)), "[1, 2, 3]");
    assert_eq!(
        res(crate::protocols::number::binary_op(a, t(&[3]), BinOp::Add)),
        "TypeError: can only concatenate list (not \"tuple\") to list"
    );
    assert_eq!(rep(crate::protocols::number::binary_op(a, int(2), BinOp::Mul)), "[1, 2, 1, 2]");
    assert_eq!(rep(crate::protocols::number::binary_op(int(-1), a, BinOp::Mul)), "[]");
    assert_eq!(
        res(crate::protocols::number::binary_op(a, box_float(2.0), BinOp::Mul)),
        "TypeError: can't multiply sequence by non-int of type 'float'"
    );
    let r = crate::protocols::number::inplace_op(a, t(&[7]), BinOp::Add);
    assert_eq!(r, a);
    assert_eq!(rep(a), "[1, 2, 7]");
    m(a, "insert", &[int(-100), int(0)]);
    m(a, "insert", &[int(100), int(9)]);
    assert_eq!(rep(a), "[0, 1, 2, 7, 9]");
    m(a, "extend", &[crate::types::range::range_new(0, 3, 1)]);
    assert_eq!(rep(m(a, "count", &[int(2)])), "2");
    m(a, "reverse", &[]);
    assert_eq!(rep(a), "[2, 1, 0, 9, 7, 2, 1, 0]");
    let c = m(a, "copy", &[]);
    m(a, "clear", &[]);
    assert_eq!(rep(a), "[]");
    assert_eq!(rep(c), "[2, 1, 0, 9, 7, 2, 1, 0]");
    // comparisons
    assert_eq!(richcmp(l(&[1, 2]), l(&[1, 3]), CmpOp::Lt), TRUE);
    assert_eq!(richcmp(l(&[1, 2]), l(&[1, 2, 0]), CmpOp::Lt), TRUE);
    assert_eq!(richcmp(l(&[1, 2]), l(&[1, 2]), CmpOp::Eq), TRUE);
    assert_eq!(
        res(richcmp(l(&[1]), t(&[1]), CmpOp::Lt)),
        "TypeError: '<' not supported between instances of 'list' and 'tuple'"
    );
    // recursive repr
    let r = l(&[1]);
    list_append(r, r);
    assert_eq!(rep(r), "[1, [...]]");
    assert_eq!(crate::protocols::item::contains(l(&[1, 2, 3]), int(3)), Ok(true));
    assert_eq!(crate::protocols::item::contains(l(&[1, 2, 3]), box_float(2.0)), Ok(true));
}

#[test]
fn sorting_is_stable_and_reports_type_errors() {
    setup();
    let a = l(&[5, 3, 9, 1, 3, 7]);
    assert_eq!(m(a, "sort", &[]), NONE);
    assert_eq!(rep(a), "[1, 3, 3, 5, 7, 9]");
    let big: Vec<i64> = (0..500).map(|i| (i * 7919) % 503).collect();
    let b = l(&big);
    m(b, "sort", &[]);
    let items: Vec<i64> = list_items(b).iter().map(|&w| int_val(w)).collect();
    let mut want = big.clone();
    want.sort();
    assert_eq!(items, want);
    // key + reverse keeps stability: sort words by len descending
    let words = list_new(vec![s("bb"), s("a"), s("cc"), s("d"), s("eee")]);
    let r = call_kw(bi("sorted"), &[words, bi("len"), TRUE], &["key", "reverse"]);
    assert_eq!(rep(r), "['eee', 'bb', 'cc', 'a', 'd']");
    let mixed = list_new(vec![int(3), s("a"), int(1)]);
    assert_eq!(
        res(m(mixed, "sort", &[])),
        "TypeError: '<' not supported between instances of 'str' and 'int'"
    );
    assert_eq!(list_items(mixed).len(), 3);
    assert_eq!(res(call(bi("sorted"), &[])), "TypeError: sorted expected 1 argument, got 0");
    let f = list_new(vec![box_float(2.5), box_float(-1.0), box_float(0.5)]);
    assert_eq!(rep(call(bi("sorted"), &[f])), "[-1.0, 0.5, 2.5]");
}

#[test]
fn tuple_hash_repr_and_methods() {
    setup();
    assert_eq!(hash_of(t(&[])), 5740354900026072187);
    assert_eq!(hash_of(t(&[1])), -6644214454873602895);
    assert_eq!(hash_of(t(&[1, 2])), -3550055125485641917);
    let nested = tuple_new(vec![int(1), t(&[2, 3]), int(-1)]);
    assert_eq!(hash_of(nested), -4691468712706788113);
    assert_eq!(rep(t(&[1])), "(1,)");
    assert_eq!(rep(t(&[])), "()");
    assert_eq!(rep(getitem(t(&[1, 2, 3]), slice(NONE, NONE, int(-1)))), "(3, 2, 1)");
    assert_eq!(res(getitem(t(&[1]), int(3))), "IndexError: tuple index out of range");
    assert_eq!(res(m(t(&[1]), "index", &[int(3)])), "ValueError: tuple.index(x): x not in tuple");
    assert_eq!(rep(m(t(&[1, 2, 1]), "count", &[int(1)])), "2");
    assert_eq!(rep(crate::protocols::number::binary_op(t(&[1]), int(3), BinOp::Mul)), "(1, 1, 1)");
    assert_eq!(rep(call(bi("tuple"), &[l(&[4, 5])])), "(4, 5)");
    assert_eq!(richcmp(t(&[1, 2]), t(&[1, 2]), CmpOp::Ge), TRUE);
}

#[test]
fn set_iteration_order_matches_cpython() {
    setup();
    let v = set_of(&[100, 5, 13, 21, -1, 8, 16, 1 << 40, 7]);
    assert_eq!(rep(v), "{1099511627776, 100, 5, 7, 8, 13, 16, 21, -1}");
    let s2 = set_of(&(0..20).collect::<Vec<_>>());
    for i in (0..20).step_by(3) {
        m(s2, "discard", &[int(i)]);
    }
    m(s2, "add", &[int(64)]);
    m(s2, "add", &[int(33)]);
    assert_eq!(rep(s2), "{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 33, 64}");
    assert_eq!(rep(set_of(&[9, 17, 25, 1, 33, 41, 49, 57, 65, 73, 81])), "{1, 33, 65, 9, 41, 73, 17, 49, 81, 25, 57}");
    let x = crate::protocols::number::binary_op(set_of(&[1, 2, 3]), set_of(&[3, 4, 5, 100]), BinOp::Xor);
    assert_eq!(rep(x), "{1, 2, 100, 4, 5}");
    // a constant display goes through a compile-time frozenset in CPython
    let consts = ints(&[3, 4, 5, 100]);
    // SAFETY: argv points at 4 words.
    let lit = unsafe { crate::types::set::molt_set_new_const(consts.as_ptr(), 4) };
    assert_eq!(rep(lit), "{5, 3, 100, 4}");
    let d = crate::protocols::number::binary_op(set_of(&[1, 2, 3, 50, 60, 70]), set_of(&[2]), BinOp::Sub);
    assert_eq!(rep(d), "{1, 3, 70, 50, 60}");
    let d = set_of(&[0, 8, 16, 32]);
    m(d, "remove", &[int(0)]);
    m(d, "remove", &[int(16)]);
    m(d, "add", &[int(24)]);
    assert_eq!(rep(d), "{8, 32, 24}");
    let fz = call(bi("frozenset"), &[l(&[1000, 2000, 3000, 8, 99])]);
    assert_eq!(rep(fz), "frozenset({99, 1000, 8, 2000, 3000})");
    assert_eq!(hash_of(call(bi("frozenset"), &[l(&[1, 2, 3])])), -272375401224217160);
    assert_eq!(hash_of(call(bi("frozenset"), &[l(&[-1, 5, 1 << 60])])), 2689162426338708606);
    assert_eq!(hash_of(call(bi("frozenset"), &[])), 133146708735736);
}

#[test]
fn set_methods_and_errors() {
    setup();
    let e = set_of(&[]);
    assert_eq!(rep(e), "set()");
    assert_eq!(res(m(e, "pop", &[])), "KeyError: 'pop from an empty set'");
    assert_eq!(res(m(e, "remove", &[int(3)])), "KeyError: 3");
    assert_eq!(res(m(e, "add", &[l(&[])])), "TypeError: unhashable type: 'list'");
    let a = set_of(&[1, 2, 3]);
    assert_eq!(rep(m(a, "union", &[l(&[4]), t(&[5])])), "{1, 2, 3, 4, 5}");
    assert_eq!(rep(m(a, "intersection", &[l(&[2, 3, 9])])), "{2, 3}");
    assert_eq!(rep(m(a, "issubset", &[l(&[1, 2, 3, 4])])), "True");
    assert_eq!(rep(m(a, "isdisjoint", &[l(&[7])])), "True");
    assert_eq!(richcmp(a, set_of(&[1, 2]), CmpOp::Gt), TRUE);
    assert_eq!(richcmp(a, call(bi("frozenset"), &[l(&[1, 2, 3])]), CmpOp::Eq), TRUE);
    assert_eq!(
        res(crate::protocols::number::binary_op(a, l(&[1]), BinOp::Or)),
        "TypeError: unsupported operand type(s) for |: 'set' and 'list'"
    );
    // set in set: retried as frozenset
    let ss = call(bi("set"), &[list_new(vec![call(bi("frozenset"), &[l(&[1])])])]);
    assert_eq!(crate::protocols::item::contains(ss, set_of(&[1])), Ok(true));
    let p = m(set_of(&[0, 1, 2, 3, 4]), "pop", &[]);
    assert_eq!(rep(p), "0");
    m(a, "symmetric_difference_update", &[l(&[3, 4])]);
    assert_eq!(rep(a), "{1, 2, 4}");
    m(a, "intersection_update", &[l(&[2, 4, 8])]);
    assert_eq!(rep(a), "{2, 4}");
}

/// The set table's probe loops and the exact-set fast paths of `in`,
/// `add` and `discard`: many add/discard cycles (dummies reused, tables
/// rebuilt), negative ints, keys equal across types (1 == 1.0 == True) and
/// equal hashes of unequal keys. Expected values are CPython 3.12's.
#[test]
fn set_churn_mixed_keys_and_collisions_match_cpython() {
    setup();
    let contains = |v: u64, k: u64| crate::protocols::item::contains(v, k).unwrap();
    let st = set_of(&[]);
    let mut hist = vec![];
    for i in 0..300i64 {
        let k = int((i * 7) % 23 - 11);
        if contains(st, k) {
            m(st, "discard", &[k]);
        } else {
            m(st, "add", &[k]);
        }
        m(st, "add", &[int(i % 5 - 2)]);
        m(st, "discard", &[int((i * 3) % 13 - 6)]);
        if i % 50 == 49 {
            hist.push(rep(st));
        }
    }
    assert_eq!(
        hist,
        [
            "{2, 0, 3, 1, 10, -4, -1, -11}",
            "{1, 8, 0, -11, 2, 10, -8, -6, -2}",
            "{8, 10, 0, 1, 2, -11, -3, -8, -10, -2}",
            "{4, 1, 10, -11, 8, 11, 2, -8, -5, -1, -2, -10}",
            "{2, 6, 7, 8, 1, 10, 9, -11, 11, -8, -7, -5, -1, -10, -2}",
            "{1, 0, 5, 7, 8, 11, 10, 9, 2, -9, -8, -7, -1, -10, -2}",
        ]
    );
    // keys equal across types: the first one stored stays
    let s2 = call(bi("set"), &[list_new(vec![int(1), box_float(2.0), s("a"), s("bc")])]);
    assert!(contains(s2, box_float(1.0)));
    assert!(contains(s2, TRUE));
    assert!(contains(s2, int(2)));
    assert!(contains(s2, s(&"bcd"[..2])));
    assert!(!contains(s2, int(3)));
    assert!(!contains(s2, s("b")));
    let s4 = call(bi("set"), &[list_new(vec![int(1), box_float(2.0), int(3)])]);
    m(s4, "add", &[TRUE]);
    m(s4, "add", &[int(2)]);
    m(s4, "discard", &[box_float(1.0)]);
    assert_eq!(rep(s4), "{2.0, 3}");
    m(s4, "add", &[box_float(1.0)]);
    assert_eq!(rep(s4), "{1.0, 2.0, 3}");
    assert!(contains(s4, TRUE));
    // equal hashes, unequal keys: 2**61 + 4 hashes to 5, -1 and -2 both to -2
    let big = call(bi("int"), &[s("2305843009213693956")]);
    let s3 = call(bi("set"), &[list_new(vec![int(5), big, int(-1), int(-2), int(21), int(13)])]);
    assert_eq!(rep(s3), "{2305843009213693956, 5, 13, 21, -2, -1}");
    assert!(contains(s3, big) && contains(s3, int(5)) && contains(s3, int(-1)));
    m(s3, "discard", &[int(5)]);
    assert!(contains(s3, big) && !contains(s3, int(5)));
    assert_eq!(rep(s3), "{2305843009213693956, 13, 21, -2, -1}");
    m(s3, "add", &[int(5)]);
    m(s3, "discard", &[int(-2)]);
    m(s3, "add", &[int(-2)]);
    assert_eq!(rep(s3), "{2305843009213693956, 5, 13, 21, -2, -1}");
    // a frozenset goes through the same table
    let fz = call(bi("frozenset"), &[list_new(vec![int(-7), int(0), box_float(0.5)])]);
    assert!(contains(fz, int(-7)) && contains(fz, box_float(0.0)) && !contains(fz, int(7)));
}

/// The per-bucket key counts that let a lookup miss without probing: a
/// bucket past 255 keys, pop, clear, update from a set (table copied),
/// intersection_update (bodies swapped). Expected values are CPython 3.12's.
#[test]
fn set_bucket_counts_follow_every_change() {
    setup();
    let contains = |v: u64, k: u64| crate::protocols::item::contains(v, k).unwrap();
    // 300 keys in one bucket (all multiples of 64)
    let st = set_of(&(0..300).map(|i| i * 64).collect::<Vec<_>>());
    for k in (0..64 * 300).step_by(128) {
        m(st, "discard", &[int(k)]);
    }
    assert_eq!(crate::types::set::set_len(st), 150);
    assert!(contains(st, int(64)) && !contains(st, int(128)) && !contains(st, int(0)));
    assert!(contains(st, int(64 * 299)) && !contains(st, int(64 * 300)));
    for k in (64..64 * 300).step_by(128) {
        m(st, "discard", &[int(k)]);
    }
    assert_eq!(rep(st), "set()");
    assert!(!contains(st, int(64)));
    m(st, "add", &[int(64)]);
    assert!(contains(st, int(64)) && !contains(st, int(128)));
    assert_eq!(rep(st), "{64}");
    let u = set_of(&[]);
    m(u, "update", &[set_of(&[1, 2, 3, 65])]);
    assert_eq!(rep(u), "{65, 1, 2, 3}");
    assert!(contains(u, int(65)) && !contains(u, int(129)));
    m(u, "intersection_update", &[l(&[65, 2, 7])]);
    assert_eq!(rep(u), "{65, 2}");
    assert!(contains(u, int(65)) && !contains(u, int(1)));
    let p = m(u, "pop", &[]);
    assert_eq!(rep(p), "65");
    assert!(!contains(u, p) && contains(u, int(2)));
    m(u, "clear", &[]);
    assert!(!contains(u, int(2)));
    m(u, "add", &[int(2)]);
    assert!(contains(u, int(2)));
    let w = set_of(&[]);
    let f = call(bi("frozenset"), &[l(&[3, 67, -61])]);
    let w2 = crate::protocols::number::inplace_op(w, f, BinOp::Or);
    assert_eq!(rep(w2), "{67, 3, -61}");
    assert!(contains(w2, int(67)) && contains(w2, int(-61)) && !contains(w2, int(131)));
}

#[test]
fn dict_methods_views_and_errors() {
    setup();
    let d = call(bi("dict"), &[list_new(vec![t(&[1, 10]), t(&[2, 20])])]);
    assert_eq!(rep(d), "{1: 10, 2: 20}");
    assert_eq!(res(getitem(d, s("k"))), "KeyError: 'k'");
    assert_eq!(rep(m(d, "get", &[int(3), int(0)])), "0");
    assert_eq!(rep(m(d, "setdefault", &[int(3), int(30)])), "30");
    assert_eq!(rep(m(d, "pop", &[int(1)])), "10");
    assert_eq!(rep(m(d, "popitem", &[])), "(3, 30)");
    assert_eq!(rep(d), "{2: 20}");
    assert_eq!(res(m(call(bi("dict"), &[]), "popitem", &[])), "KeyError: 'popitem(): dictionary is empty'");
    assert_eq!(
        res(call(bi("dict"), &[list_new(vec![t(&[1, 2, 3])])])),
        "ValueError: dictionary update sequence element #0 has length 3; 2 is required"
    );
    assert_eq!(
        res(call(bi("dict"), &[l(&[1])])),
        "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
    );
    let k = call_kw(bi("dict"), &[int(1), int(2)], &["a", "b"]);
    assert_eq!(rep(k), "{'a': 1, 'b': 2}");
    assert_eq!(rep(m(k, "keys", &[])), "dict_keys(['a', 'b'])");
    assert_eq!(rep(m(k, "items", &[])), "dict_items([('a', 1), ('b', 2)])");
    assert_eq!(rep(m(k, "values", &[])), "dict_values([1, 2])");
    let kv = m(k, "keys", &[]);
    assert_eq!(rep(crate::protocols::number::binary_op(kv, list_new(vec![s("a"), s("z")]), BinOp::And)), "{'a'}");
    assert_eq!(richcmp(kv, call(bi("set"), &[list_new(vec![s("b"), s("a")])]), CmpOp::Eq), TRUE);
    assert_eq!(rep(call(bi("list"), &[call(bi("reversed"), &[k])])), "['b', 'a']");
    let merged = crate::protocols::number::binary_op(k, call_kw(bi("dict"), &[int(9)], &["a"]), BinOp::Or);
    assert_eq!(rep(merged), "{'a': 9, 'b': 2}");
    let fk = m(tpw(TypeId::Dict), "fromkeys", &[l(&[1, 2])]);
    assert_eq!(rep(fk), "{1: None, 2: None}");
    assert_eq!(richcmp(fk, m(fk, "copy", &[]), CmpOp::Eq), TRUE);
    // mutation during iteration
    let it = crate::protocols::iter::iter(fk);
    let first = crate::protocols::iter::next(it);
    assert_eq!(rep(first), "1");
    setitem(fk, int(5), int(5));
    assert_eq!(res(crate::protocols::iter::next(it)), "RuntimeError: dictionary changed size during iteration");
    let r = call(bi("dict"), &[]);
    setitem(r, int(1), r);
    assert_eq!(rep(r), "{1: {...}}");
}

#[test]
fn range_and_slice_objects() {
    setup();
    let r = call(bi("range"), &[int(0), int(10), int(3)]);
    assert_eq!(rep(r), "range(0, 10, 3)");
    assert_eq!(crate::protocols::item::len(r), Ok(4));
    assert_eq!(rep(getitem(r, int(-1))), "9");
    assert_eq!(rep(getitem(r, slice(NONE, NONE, int(-1)))), "range(9, -3, -3)");
    assert_eq!(crate::protocols::item::contains(r, int(6)), Ok(true));
    assert_eq!(crate::protocols::item::contains(r, int(7)), Ok(false));
    assert_eq!(rep(m(r, "index", &[int(9)])), "3");
    assert_eq!(res(m(r, "index", &[int(4)])), "ValueError: 4 is not in range");
    assert_eq!(res(call(bi("range"), &[int(1), int(2), int(0)])), "ValueError: range() arg 3 must not be zero");
    assert_eq!(rep(call(bi("list"), &[call(bi("reversed"), &[r])])), "[9, 6, 3, 0]");
    assert_eq!(richcmp(call(bi("range"), &[int(0)]), call(bi("range"), &[int(5), int(2)]), CmpOp::Eq), TRUE);
    assert_eq!(hash_of(call(bi("range"), &[int(5)])), hash_of(tuple_new(vec![int(5), int(0), int(1)])));
    let sl = call(bi("slice"), &[int(1), int(2)]);
    assert_eq!(rep(sl), "slice(1, 2, None)");
    assert_eq!(rep(m(slice(NONE, NONE, int(-1)), "indices", &[int(5)])), "(4, -1, -1)");
    assert_eq!(rep(m(slice(int(-100), int(100), int(3)), "indices", &[int(7)])), "(0, 7, 3)");
}

#[test]
fn builtins_min_max_sum_any_all() {
    setup();
    assert_eq!(rep(call(bi("max"), &[l(&[3, 9, 2])])), "9");
    assert_eq!(rep(call(bi("min"), &[int(3), int(9), int(2)])), "2");
    assert_eq!(res(call(bi("max"), &[l(&[])])), "ValueError: max() iterable argument is empty");
    assert_eq!(rep(call_kw(bi("min"), &[l(&[]), int(5)], &["default"])), "5");
    assert_eq!(
        res(call_kw(bi("max"), &[int(1), int(2), int(0)], &["default"])),
        "TypeError: Cannot specify a default for max() with multiple positional arguments"
    );
    let words = list_new(vec![s("aa"), s("b"), s("cc")]);
    assert_eq!(rep(call_kw(bi("max"), &[words, bi("len")], &["key"])), "'aa'");
    assert_eq!(rep(call(bi("sum"), &[l(&[1, 2, 3])])), "6");
    let tenths = list_new(vec![box_float(0.1); 10]);
    assert_eq!(rep(call(bi("sum"), &[tenths])), "1.0");
    assert_eq!(rep(call(bi("sum"), &[list_new(vec![box_float(1.5), int(2), int(3)])])), "6.5");
    assert_eq!(rep(call(bi("sum"), &[list_new(vec![l(&[1]), l(&[2])]), list_new(vec![])])), "[1, 2]");
    assert_eq!(
        res(call(bi("sum"), &[list_new(vec![]), s("")])),
        "TypeError: sum() can't sum strings [use ''.join(seq) instead]"
    );
    assert_eq!(rep(call(bi("any"), &[l(&[0, 0, 3])])), "True");
    assert_eq!(rep(call(bi("all"), &[l(&[1, 0])])), "False");
    assert_eq!(rep(call(bi("all"), &[l(&[])])), "True");
}

#[test]
fn lazy_iterators() {
    setup();
    let e = call_kw(bi("enumerate"), &[list_new(vec![s("a"), s("b")]), int(5)], &["start"]);
    assert_eq!(rep(call(bi("list"), &[e])), "[(5, 'a'), (6, 'b')]");
    let z = call(bi("zip"), &[l(&[1, 2, 3]), list_new(vec![s("x"), s("y")])]);
    assert_eq!(rep(call(bi("list"), &[z])), "[(1, 'x'), (2, 'y')]");
    let z = call_kw(bi("zip"), &[l(&[1, 2, 3]), l(&[1, 2]), TRUE], &["strict"]);
    assert_eq!(res(call(bi("list"), &[z])), "ValueError: zip() argument 2 is shorter than argument 1");
    let z = call_kw(bi("zip"), &[l(&[1]), l(&[1]), l(&[1, 2]), TRUE], &["strict"]);
    assert_eq!(res(call(bi("list"), &[z])), "ValueError: zip() argument 3 is longer than arguments 1-2");
    let mp = call(bi("map"), &[bi("max"), l(&[1, 5]), l(&[4, 2])]);
    assert_eq!(rep(call(bi("list"), &[mp])), "[4, 5]");
    let f = call(bi("filter"), &[NONE, l(&[0, 1, 0, 2])]);
    assert_eq!(rep(call(bi("list"), &[f])), "[1, 2]");
    assert_eq!(rep(call(bi("list"), &[call(bi("reversed"), &[t(&[1, 2, 3])])])), "[3, 2, 1]");
    assert_eq!(res(call(bi("reversed"), &[int(1)])), "TypeError: 'int' object is not reversible");
    assert_eq!(res(call(bi("map"), &[bi("len")])), "TypeError: map() must have at least two arguments.");
    let it = call(bi("iter"), &[l(&[7])]);
    assert_eq!(rep(crate::protocols::iter::next(it)), "7");
    assert_eq!(crate::protocols::iter::next(it), UNBOUND);
}

#[test]
fn unpacking_and_op_exports() {
    setup();
    let args = [int(1), int(2)];
    // SAFETY: argv points at 2 words.
    let tt = unsafe { molt_tuple_new(args.as_ptr(), 2) };
    assert_eq!(rep(tt), "(1, 2)");
    assert_eq!(rep(molt_tuple_get(tt, 1)), "2");
    // SAFETY: as above.
    let ll = unsafe { molt_list_new(args.as_ptr(), 2) };
    assert_eq!(molt_list_append(ll, int(3)), NONE);
    assert_eq!(rep(molt_list_to_tuple(ll)), "(1, 2, 3)");
    // SAFETY: as above.
    let st = unsafe { crate::types::set::molt_set_new(args.as_ptr(), 2) };
    assert_eq!(rep(st), "{1, 2}");
    assert_eq!(res(crate::types::set::molt_set_update(st, int(3))), "TypeError: Value after * must be an iterable, not int");
    assert_eq!(
        res(crate::protocols::iter::molt_unpack_seq(l(&[1, 2, 3]), 2)),
        "ValueError: too many values to unpack (expected 2)"
    );
    assert_eq!(
        res(crate::protocols::iter::molt_unpack_seq(l(&[1, 2]), 3)),
        "ValueError: not enough values to unpack (expected 3, got 2)"
    );
    // A tuple of the right length is unpacked in place (a new reference to
    // itself); a list of the right length is copied.
    let tu = t(&[4, 5]);
    let before = crate::object::refcnt(tu);
    assert_eq!(crate::protocols::iter::molt_unpack_seq(tu, 2), tu);
    assert_eq!(crate::object::refcnt(tu), before + 1);
    let li = l(&[4, 5]);
    let un = crate::protocols::iter::molt_unpack_seq(li, 2);
    assert!(un != li && rep(un) == "(4, 5)");
}

/// A flagged list of immediates: a literal `[0, 1.5, True, None]` repeated twice.
fn flagged() -> u64 {
    let lit = [int(0), box_float(1.5), TRUE, NONE];
    // SAFETY: a live argv of 4 words.
    let one = unsafe { molt_list_new(lit.as_ptr(), lit.len()) };
    assert!(has_immediate_items(one));
    let l = crate::protocols::number::binary_op(one, int(2), BinOp::Mul);
    assert!(has_immediate_items(l));
    l
}

/// The immediate-items flag (types/list.rs): literals and repetitions of
/// immediates set it, immediate appends keep it, and every path that can
/// store a reference clears it; a flagged list never holds a reference.
#[test]
fn immediate_items_flag_is_cleared_by_every_mutation() {
    setup();
    let obj = l(&[9]); // a counted (not immortal) object
    let other = l(&[5]);
    // SAFETY: live argv words.
    unsafe {
        assert!(has_immediate_items(molt_list_new(std::ptr::null(), 0)));
        assert!(!has_immediate_items(molt_list_new([int(1), obj].as_ptr(), 2)));
    }
    // Slices and copies (list_from) of immediates are flagged too.
    assert!(has_immediate_items(list_from(&[int(1), NONE])));
    assert!(!has_immediate_items(list_from(&[int(1), obj])));
    // Repetition looks at the items, not at the source's flag.
    let unflagged = l(&[1]);
    assert!(!has_immediate_items(unflagged));
    assert!(has_immediate_items(crate::protocols::number::binary_op(unflagged, int(2), BinOp::Mul)));
    let ptrs = [obj];
    // SAFETY: live argv words.
    let with_obj = unsafe { molt_list_new(ptrs.as_ptr(), 1) };
    assert!(!has_immediate_items(crate::protocols::number::binary_op(with_obj, int(3), BinOp::Mul)));
    let a = flagged();
    list_append(a, int(7));
    list_append(a, box_float(f64::NAN));
    assert!(has_immediate_items(a));
    let mutations: Vec<(&str, Box<dyn Fn(u64)>)> = vec![
        ("append", Box::new(move |x| list_append(x, obj))),
        ("append method", Box::new(move |x| assert_eq!(m(x, "append", &[obj]), NONE))),
        ("molt_list_append", Box::new(move |x| assert_eq!(molt_list_append(x, obj), NONE))),
        ("insert", Box::new(move |x| assert_eq!(m(x, "insert", &[int(1), obj]), NONE))),
        ("extend list", Box::new(move |x| assert_eq!(m(x, "extend", &[l(&[1])]), NONE))),
        ("extend iterator", Box::new(move |x| assert_eq!(m(x, "extend", &[crate::types::range::range_new(0, 2, 1)]), NONE))),
        ("setitem", Box::new(move |x| assert_eq!(setitem(x, int(2), obj), NONE))),
        ("setitem negative", Box::new(move |x| assert_eq!(setitem(x, int(-1), obj), NONE))),
        ("slice assignment", Box::new(move |x| assert_eq!(setitem(x, slice(int(1), int(3), NONE), other), NONE))),
        ("extended slice", Box::new(move |x| assert_eq!(setitem(x, slice(NONE, NONE, int(4)), l(&[1, 2])), NONE))),
        ("iadd", Box::new(move |x| assert_eq!(crate::protocols::number::inplace_op(x, l(&[1]), BinOp::Add), x))),
        ("imul", Box::new(move |x| assert_eq!(crate::protocols::number::inplace_op(x, int(2), BinOp::Mul), x))),
        ("sort", Box::new(move |x| {
            if list_sort(x, NONE, false).is_err() {
                crate::errors::clear_pending(); // None < int
            }
        })),
        ("init", Box::new(move |x| assert_eq!(call(getattr(x, "__init__"), &[l(&[1])]), NONE))),
        ("reverse", Box::new(move |x| assert_eq!(m(x, "reverse", &[]), NONE))),
        ("pop", Box::new(move |x| assert!(m(x, "pop", &[]) != ERR))),
        ("clear", Box::new(move |x| assert_eq!(m(x, "clear", &[]), NONE))),
    ];
    for (name, f) in &mutations {
        let x = flagged();
        f(x);
        // Runtime paths that may store a reference clear the flag even when
        // they stored immediates (`list_vec`); only `list_append` keeps it.
        assert!(!has_immediate_items(x), "{} kept the flag", name);
        if *name == "clear" || *name == "pop" || *name == "reverse" {
            continue;
        }
        // The flag once cleared is never set again on a live list.
        list_append(x, int(1));
        assert!(!has_immediate_items(x), "{} then append set the flag", name);
    }
    // A list holding the object: its count goes up by one per stored copy and
    // back down when the list is freed, flagged source or not.
    let before = crate::object::refcnt(obj);
    let x = flagged();
    list_append(x, obj);
    assert_eq!(crate::object::refcnt(obj), before + 1);
    let y = crate::protocols::number::binary_op(x, int(3), BinOp::Mul);
    assert_eq!(crate::object::refcnt(obj), before + 4);
    decref(y);
    decref(x);
    assert_eq!(crate::object::refcnt(obj), before);
    let _ = a;
}
