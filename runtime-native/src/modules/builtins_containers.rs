//! modules/builtins_containers.rs — container builtins: `sorted`, `min`,
//! `max` (key=, default=), `sum` (int fast path, Neumaier-compensated float
//! path as in CPython 3.12), `any`, `all`. The container types themselves
//! (list, tuple, dict, set, frozenset, range, enumerate, zip, map, filter,
//! reversed) are callable types registered by modules/builtins.rs.
//! Owner: containers engineer.
//! Neighbours: types/list.rs (sort), protocols/sequence.rs (iteration).

use crate::errors::*;
use crate::modules::builtins::add_builtin;
use crate::object::*;
use crate::protocols::sequence::next_opt;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::value::*;

/// Register the builtins of this file (called from `modules::init`).
pub fn init() {
    add_builtin("sorted", bi_sorted);
    add_builtin("min", bi_min);
    add_builtin("max", bi_max);
    add_builtin("sum", bi_sum);
    add_builtin("any", bi_any);
    add_builtin("all", bi_all);
}

unsafe fn bi_sorted(args: &[u64], kw: u64) -> u64 {
    let nk = nkw(kw);
    let np = args.len() - nk;
    if np != 1 {
        return raise_type_error(format!("sorted expected 1 argument, got {}", np));
    }
    let items = ok!(crate::protocols::sequence::collect(args[0]));
    let l = crate::types::list::list_new(items);
    let mut key = NONE;
    let mut reverse = FALSE;
    if nk > 0 {
        for (i, &n) in crate::types::tuple::tuple_items(kw).iter().enumerate() {
            let v = args[np + i];
            match crate::types::str::str_as(n) {
                "key" => key = v,
                "reverse" => reverse = v,
                other => {
                    decref(l);
                    return raise_type_error(format!("'{}' is an invalid keyword argument for sort()", other));
                }
            }
        }
    }
    let r = crate::types::list::sort_reverse_flag(reverse)
        .and_then(|rev| crate::types::list::list_sort(l, key, rev));
    if r.is_err() {
        decref(l);
        return ERR;
    }
    l
}

/// `a op b` as a Rust bool (no identity shortcut, like CPython's min/max).
fn cmp_bool(a: u64, b: u64, op: CmpOp) -> R<bool> {
    if is_int(a) && is_int(b) {
        return Ok(op.test(int_val(a).cmp(&int_val(b))));
    }
    let r = chk(crate::protocols::compare::richcmp(a, b, op))?;
    if is_bool(r) {
        return Ok(r == TRUE);
    }
    let t = crate::protocols::truth::truthy(r);
    decref(r);
    t
}

unsafe fn min_max(args: &[u64], kw: u64, name: &str, op: CmpOp) -> u64 {
    let nk = nkw(kw);
    let np = args.len() - nk;
    let mut key = NONE;
    let mut default = UNBOUND;
    if nk > 0 {
        for (i, &n) in crate::types::tuple::tuple_items(kw).iter().enumerate() {
            let v = args[np + i];
            match crate::types::str::str_as(n) {
                "key" => key = v,
                "default" => default = v,
                other => {
                    return raise_type_error(format!("'{}' is an invalid keyword argument for {}()", other, name))
                }
            }
        }
    }
    if np == 0 {
        return raise_type_error(format!("{} expected at least 1 argument, got 0", name));
    }
    if np > 1 && default != UNBOUND {
        return raise_type_error(format!(
            "Cannot specify a default for {}() with multiple positional arguments",
            name
        ));
    }
    let it = if np == 1 {
        tri!(crate::protocols::iter::iter(args[0]))
    } else {
        let t = crate::types::tuple::tuple_from(&args[..np]);
        let it = crate::protocols::iter::iter(t);
        decref(t);
        tri!(it)
    };
    let mut best_item: u64 = 0;
    let mut best_val: u64 = 0;
    let r = (|| -> R<()> {
        while let Some(item) = next_opt(it)? {
            let val = if key != NONE {
                match chk(crate::protocols::call::call_function(key, &[item], 0)) {
                    Ok(v) => v,
                    Err(p) => {
                        decref(item);
                        return Err(p);
                    }
                }
            } else {
                newref(item)
            };
            if best_item == 0 {
                best_item = item;
                best_val = val;
                continue;
            }
            match cmp_bool(val, best_val, op) {
                Ok(true) => {
                    decref(best_item);
                    decref(best_val);
                    best_item = item;
                    best_val = val;
                }
                Ok(false) => {
                    decref(item);
                    decref(val);
                }
                Err(p) => {
                    decref(item);
                    decref(val);
                    return Err(p);
                }
            }
        }
        Ok(())
    })();
    decref(it);
    decref_field(best_val);
    if r.is_err() {
        decref_field(best_item);
        return ERR;
    }
    if best_item == 0 {
        if default != UNBOUND {
            return newref(default);
        }
        return raise_value_error(format!("{}() iterable argument is empty", name));
    }
    best_item
}

unsafe fn bi_min(args: &[u64], kw: u64) -> u64 {
    min_max(args, kw, "min", CmpOp::Lt)
}

unsafe fn bi_max(args: &[u64], kw: u64) -> u64 {
    min_max(args, kw, "max", CmpOp::Gt)
}

unsafe fn bi_sum(args: &[u64], kw: u64) -> u64 {
    let np = args.len() - nkw(kw);
    if np > 2 {
        return raise_type_error(format!("sum() takes at most 2 arguments ({} given)", np));
    }
    let a = ok!(parse_args("sum", args, kw, &["iterable", "start"], 2));
    if a[0] == UNBOUND {
        return raise_type_error("sum() missing required argument 'iterable' (pos 1)".to_string());
    }
    let start = if a[1] == UNBOUND { small_int(0) } else { a[1] };
    if crate::types::str::is_str(start) {
        return raise_type_error("sum() can't sum strings [use ''.join(seq) instead]".to_string());
    }
    let tn = tname(start);
    if is_ptr(start) && (layout_of(start) == TypeId::Bytes || layout_of(start) == TypeId::ByteArray) {
        return raise_type_error(format!("sum() can't sum {} [use b''.join(seq) instead]", tn));
    }
    let it = tri!(crate::protocols::iter::iter(a[0]));
    let r = sum_iter(it, start);
    decref(it);
    r
}

/// CPython 3.12's sum(): exact-int accumulation in i64, then a
/// Neumaier-compensated float loop, then generic `+`.
fn sum_iter(it: u64, start: u64) -> u64 {
    let mut result = newref(start);
    // int fast path
    if is_int(result) {
        let mut acc: i64 = int_val(result);
        decref(result);
        loop {
            let item = match next_opt(it) {
                Ok(Some(x)) => x,
                Ok(None) => return crate::types::int::int_from_i64(acc),
                Err(_) => return ERR,
            };
            let b = if is_int(item) {
                Some(int_val(item))
            } else if is_bool(item) {
                Some((item & 1) as i64)
            } else {
                None
            };
            if let Some(b) = b {
                if let Some(s) = acc.checked_add(b) {
                    acc = s;
                    continue;
                }
            }
            let cur = crate::types::int::int_from_i64(acc);
            let r = crate::protocols::number::binary_op(cur, item, BinOp::Add);
            decref(cur);
            decref(item);
            if r == ERR {
                return ERR;
            }
            result = r;
            break;
        }
    }
    // float fast path (Neumaier compensation)
    if is_float(result) {
        let mut f = float_val(result);
        let mut c = 0.0f64;
        loop {
            let item = match next_opt(it) {
                Ok(Some(x)) => x,
                Ok(None) => {
                    if c != 0.0 && c.is_finite() {
                        f += c;
                    }
                    return box_float(f);
                }
                Err(_) => return ERR,
            };
            if is_float(item) {
                let x = float_val(item);
                let t = f + x;
                if f.abs() >= x.abs() {
                    c += (f - t) + x;
                } else {
                    c += (x - t) + f;
                }
                f = t;
                continue;
            }
            if is_int(item) || is_bool(item) {
                let v = if is_int(item) { int_val(item) } else { (item & 1) as i64 };
                f += v as f64;
                continue;
            }
            if c != 0.0 && c.is_finite() {
                f += c;
            }
            let cur = box_float(f);
            let r = crate::protocols::number::binary_op(cur, item, BinOp::Add);
            decref(item);
            if r == ERR {
                return ERR;
            }
            result = r;
            break;
        }
    }
    // generic path
    loop {
        let item = match next_opt(it) {
            Ok(Some(x)) => x,
            Ok(None) => return result,
            Err(_) => {
                decref(result);
                return ERR;
            }
        };
        let r = crate::protocols::number::binary_op(result, item, BinOp::Add);
        decref(result);
        decref(item);
        if r == ERR {
            return ERR;
        }
        result = r;
    }
}

unsafe fn any_all(args: &[u64], kw: u64, name: &str, want: bool) -> u64 {
    ok!(check_args(name, args, kw, 1, 1));
    let mut found = false;
    let r = crate::protocols::sequence::for_each(args[0], &mut |x| {
        let t = crate::protocols::truth::truthy(x)?;
        if t == want {
            found = true;
            return Ok(false);
        }
        Ok(true)
    });
    ok!(r);
    // any: True when an item was truthy; all: False when one was falsy.
    box_bool(if want { found } else { !found })
}

unsafe fn bi_any(args: &[u64], kw: u64) -> u64 {
    any_all(args, kw, "any", true)
}

unsafe fn bi_all(args: &[u64], kw: u64) -> u64 {
    any_all(args, kw, "all", false)
}
