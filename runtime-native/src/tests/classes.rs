use super::*;
use crate::typeobj::*;
use crate::types::dict::*;
use crate::types::tuple::*;

/// Create a class `name(bases)` with the given namespace entries.
pub fn class(name: &str, bases: &[u64], ns: &[(&str, u64)]) -> u64 {
    let b = tuple_from(bases);
    let d = crate::types::type_::molt_class_prepare(s(name), b, NONE);
    assert_ne!(d, ERR);
    dict_set_str(d, "__module__", s("__main__"));
    for (k, v) in ns {
        dict_set_str(d, k, *v);
    }
    crate::types::type_::molt_class_new(s(name), b, d, NONE)
}

fn init_xy(_s: u64, p: &[u64]) -> u64 {
    let r = crate::protocols::attr::molt_setattr(p[0], s("x"), p[1]);
    if r == ERR {
        return ERR;
    }
    NONE
}

fn get_x(_s: u64, p: &[u64]) -> u64 {
    crate::protocols::attr::getattr(p[0], s("x"))
}

fn add_dunder(_s: u64, p: &[u64]) -> u64 {
    let x = tri!(crate::protocols::attr::getattr(p[0], s("x")));
    crate::protocols::number::molt_add(x, p[1])
}

fn cls_name(_s: u64, p: &[u64]) -> u64 {
    crate::protocols::attr::getattr(p[0], s("__name__"))
}

#[test]
fn class_instances_methods_and_attributes() {
    setup();
    let init = func(def(&info("A.__init__", &[("self", "normal"), ("x", "normal")]), 2, init_xy));
    let getx = func(def(&info("A.getx", &[("self", "normal")]), 1, get_x));
    let a = class("A", &[], &[("__init__", init), ("getx", getx)]);
    assert_ne!(a, ERR, "{}", err_text());
    let obj = call(a, &[int(7)]);
    assert_ne!(obj, ERR, "{}", err_text());
    assert_eq!(crate::protocols::call::call_method_str(obj, "getx", &[]), int(7));
    assert_eq!(getattr(obj, "x"), int(7));
    assert_eq!(getattr(obj, "nope"), ERR);
    assert_eq!(err_text(), "AttributeError: 'A' object has no attribute 'nope'");
    assert!(rep(obj).starts_with("<__main__.A object at 0x"));
    assert_eq!(rep(a), "<class '__main__.A'>");
    assert_eq!(call(a, &[]), ERR);
    assert_eq!(err_text(), "TypeError: A.__init__() missing 1 required positional argument: 'x'");
    let b = class("B", &[], &[]);
    assert_eq!(call(b, &[int(1)]), ERR);
    assert_eq!(err_text(), "TypeError: B() takes no arguments");
}

#[test]
fn user_dunders_drive_operators() {
    setup();
    let init = func(def(&info("V.__init__", &[("self", "normal"), ("x", "normal")]), 2, init_xy));
    let add = func(def(&info("V.__add__", &[("self", "normal"), ("o", "normal")]), 2, add_dunder));
    let v = class("V", &[], &[("__init__", init), ("__add__", add), ("__radd__", add)]);
    let o = call(v, &[int(10)]);
    assert_eq!(crate::protocols::number::molt_add(o, int(5)), int(15));
    assert_eq!(crate::protocols::number::molt_add(int(5), o), int(15));
    // int.__add__ slot wrapper is callable too
    let iadd = getattr(tpw(TypeId::Int), "__add__");
    assert_eq!(call(iadd, &[int(2), int(3)]), int(5));
}

#[test]
fn mro_is_c3_and_conflicts_are_reported() {
    setup();
    let o = class("O", &[], &[]);
    let x = class("X", &[o], &[]);
    let y = class("Y", &[o], &[]);
    let z = class("Z", &[x, y], &[]);
    let names: Vec<String> = tuple_items(getattr(z, "__mro__")).iter().map(|&t| text(getattr(t, "__name__"))).collect();
    assert_eq!(names, vec!["Z", "X", "Y", "O", "object"]);
    assert_eq!(class("Bad", &[o, x], &[]), ERR);
    assert_eq!(
        err_text(),
        "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases O, X"
    );
}

#[test]
fn property_classmethod_staticmethod_super() {
    setup();
    let getx = func(def(&info("P.x", &[("self", "normal")]), 1, |_, p| {
        crate::protocols::attr::getattr(p[0], s("_x"))
    }));
    let prop = call(tpw(TypeId::Property), &[getx]);
    let cm = call(tpw(TypeId::ClassMethod), &[func(def(&info("P.name", &[("cls", "normal")]), 1, cls_name))]);
    let sm = call(tpw(TypeId::StaticMethod), &[func(def(&info("P.seven", &[]), 0, |_, _| int(7)))]);
    let p = class("P", &[], &[("x", prop), ("name", cm), ("seven", sm)]);
    let obj = call(p, &[]);
    crate::protocols::attr::molt_setattr(obj, s("_x"), int(42));
    assert_eq!(getattr(obj, "x"), int(42));
    assert_eq!(crate::protocols::attr::molt_setattr(obj, s("x"), int(1)), ERR);
    assert_eq!(err_text(), "AttributeError: property 'x' of 'P' object has no setter");
    assert_eq!(text(crate::protocols::call::call_method_str(obj, "name", &[])), "P");
    assert_eq!(crate::protocols::call::call_method_str(p, "seven", &[]), int(7));
    // super(Q, q).name() resolves through P's classmethod
    let q = class("Q", &[p], &[]);
    let qo = call(q, &[]);
    let sup = call(tpw(TypeId::Super), &[q, qo]);
    assert_eq!(text(crate::protocols::call::call_method_str(sup, "name", &[])), "Q");
}

#[test]
fn slots_restrict_attributes() {
    setup();
    let slots = tuple_from(&[s("a")]);
    let c = class("S", &[], &[("__slots__", slots)]);
    let o = call(c, &[]);
    assert_eq!(crate::protocols::attr::molt_setattr(o, s("a"), int(1)), NONE);
    assert_eq!(getattr(o, "a"), int(1));
    assert_eq!(crate::protocols::attr::molt_setattr(o, s("b"), int(1)), ERR);
    assert_eq!(err_text(), "AttributeError: 'S' object has no attribute 'b'");
}

fn record_init_subclass(_s: u64, p: &[u64]) -> u64 {
    crate::protocols::attr::molt_setattr(p[0], s("tag"), p[1])
}

fn record_set_name(_s: u64, p: &[u64]) -> u64 {
    crate::protocols::attr::molt_setattr(p[0], s("name"), p[2])
}

#[test]
fn init_subclass_and_set_name_hooks() {
    setup();
    let isub = func(def(&info("Base.__init_subclass__", &[("cls", "normal"), ("tag", "kwonly")]), 2, record_init_subclass));
    let base = class("Base", &[], &[("__init_subclass__", isub)]);
    let b = tuple_from(&[base]);
    let ns = crate::types::dict::dict_new();
    let kw = crate::types::dict::dict_new();
    dict_set_str(kw, "tag", s("hello"));
    let sub = crate::types::type_::molt_class_new(s("Sub"), b, ns, kw);
    assert_ne!(sub, ERR, "{}", err_text());
    assert_eq!(text(getattr(sub, "tag")), "hello");
    let sn = func(def(&info("D.__set_name__", &[("self", "normal"), ("owner", "normal"), ("name", "normal")]), 3, record_set_name));
    let dcls = class("D", &[], &[("__set_name__", sn)]);
    let dobj = call(dcls, &[]);
    let _owner = class("Owner", &[], &[("field", dobj)]);
    assert_eq!(text(getattr(dobj, "name")), "field");
}

#[test]
fn metaclass_and_type_call_forms() {
    setup();
    let meta = class("Meta", &[tpw(TypeId::Type)], &[]);
    let b = tuple_new(vec![]);
    let ns = crate::types::dict::dict_new();
    let kw = crate::types::dict::dict_new();
    dict_set_str(kw, "metaclass", meta);
    let c = crate::types::type_::molt_class_new(s("C"), b, ns, kw);
    assert_ne!(c, ERR, "{}", err_text());
    assert_eq!(from_ptr(type_of(c)), meta);
    assert_eq!(call(tpw(TypeId::Type), &[int(3)]), tpw(TypeId::Int));
    let d = call(tpw(TypeId::Type), &[s("Dyn"), tuple_new(vec![]), crate::types::dict::dict_new()]);
    assert_eq!(text(getattr(d, "__name__")), "Dyn");
    assert_eq!(class("NoBool", &[tpw(TypeId::Bool)], &[]), ERR);
    assert_eq!(err_text(), "TypeError: type 'bool' is not an acceptable base type");
}

#[test]
fn eq_without_hash_is_unhashable() {
    setup();
    let eq = func(def(&info("E.__eq__", &[("self", "normal"), ("o", "normal")]), 2, |_, _| TRUE));
    let e = class("E", &[], &[("__eq__", eq)]);
    let o = call(e, &[]);
    assert!(crate::protocols::hash::hash(o).is_err());
    assert_eq!(err_text(), "TypeError: unhashable type: 'E'");
    assert_eq!(crate::protocols::compare::molt_eq(o, int(1)), TRUE);
}

#[test]
fn user_subclass_of_exception_and_list() {
    setup();
    let myerr = class("MyErr", &[crate::value::from_ptr(exc_type(Exc::ValueError))], &[]);
    let e = call(myerr, &[s("boom")]);
    crate::protocols::attr::molt_setattr(e, s("code"), int(3));
    assert_eq!(getattr(e, "code"), int(3));
    assert_eq!(rep(e), "MyErr('boom')");
    assert_eq!(crate::types::exception::molt_raise(e, UNBOUND), ERR);
    assert_eq!(err_text(), "__main__.MyErr: boom");
    let ml = class("ML", &[tpw(TypeId::List)], &[]);
    let o = call(ml, &[]);
    assert_ne!(o, ERR, "{}", err_text());
    crate::protocols::attr::molt_setattr(o, s("extra"), int(1));
    assert_eq!(getattr(o, "extra"), int(1));
}

#[test]
fn union_and_generic_alias() {
    setup();
    let u = crate::protocols::number::molt_bitor(tpw(TypeId::Int), NONE);
    assert_eq!(rep(u), "int | None");
    let isinst = crate::modules::globals::molt_builtin(s("isinstance"));
    assert_eq!(call(isinst, &[NONE, u]), TRUE);
    assert_eq!(call(isinst, &[s("x"), u]), FALSE);
    let tup = crate::types::tuple::tuple_from(&[tpw(TypeId::Str), ELLIPSIS]);
    let ga = crate::protocols::item::molt_getitem(tpw(TypeId::Dict), tup);
    assert_eq!(rep(ga), "dict[str, ...]");
    assert_eq!(rep(crate::protocols::item::molt_getitem(tpw(TypeId::List), tpw(TypeId::Int))), "list[int]");
}

#[test]
fn abstract_methods_block_instantiation() {
    setup();
    let c = class("Shape", &[], &[]);
    let names = crate::types::tuple::tuple_from(&[s("area")]);
    assert_eq!(crate::protocols::attr::molt_setattr(c, s("__abstractmethods__"), names), NONE);
    assert_eq!(call(c, &[]), ERR);
    assert_eq!(
        err_text(),
        "TypeError: Can't instantiate abstract class Shape without an implementation for abstract method 'area'"
    );
    let empty = crate::types::tuple::tuple_new(vec![]);
    crate::protocols::attr::molt_setattr(c, s("__abstractmethods__"), empty);
    assert_ne!(call(c, &[]), ERR);
}

#[test]
fn setattr_cache_appends_new_instance_attributes() {
    setup();
    use crate::protocols::attr::molt_setattr_cached;
    let a = class("Pt", &[], &[]);
    let mut site_x = [0u64; crate::protocols::attr::ATTR_CACHE_WORDS];
    let mut site_y = [0u64; crate::protocols::attr::ATTR_CACHE_WORDS];
    let (kx, ky) = (crate::types::str::intern("x"), crate::types::str::intern("y"));
    let make = |x: i64, y: i64, sx: &mut [u64], sy: &mut [u64]| {
        let o = call(a, &[]);
        // SAFETY: the caches have ATTR_CACHE_WORDS words.
        unsafe {
            assert_eq!(molt_setattr_cached(o, kx, int(x), sx.as_mut_ptr()), NONE);
            assert_eq!(molt_setattr_cached(o, ky, int(y), sy.as_mut_ptr()), NONE);
        }
        o
    };
    // The first instance fills the caches, the next ones append through them.
    let objs: Vec<u64> = (0..4).map(|i| make(i, 10 * i, &mut site_x, &mut site_y)).collect();
    for (i, &o) in objs.iter().enumerate() {
        assert_eq!(getattr(o, "x"), int(i as i64));
        assert_eq!(getattr(o, "y"), int(10 * i as i64));
        assert_eq!(rep(getattr(o, "__dict__")), format!("{{'x': {}, 'y': {}}}", i, 10 * i));
    }
    // An instance whose dict already holds `y` (set first) takes the full path: no duplicate key.
    let o = call(a, &[]);
    unsafe {
        assert_eq!(molt_setattr_cached(o, ky, int(5), site_y.as_mut_ptr()), NONE);
        assert_eq!(molt_setattr_cached(o, kx, int(6), site_x.as_mut_ptr()), NONE);
        assert_eq!(molt_setattr_cached(o, ky, int(7), site_y.as_mut_ptr()), NONE);
    }
    assert_eq!(rep(getattr(o, "__dict__")), "{'y': 7, 'x': 6}");
    // A property added to the class later bumps its version: the cached append no longer applies.
    let getx = func(def(&info("Pt.y", &[("self", "normal")]), 1, |_, _| int(99)));
    let prop = call(tpw(TypeId::Property), &[getx]);
    assert_eq!(crate::protocols::attr::molt_setattr(a, ky, prop), NONE);
    let o = call(a, &[]);
    unsafe {
        assert_eq!(molt_setattr_cached(o, kx, int(1), site_x.as_mut_ptr()), NONE);
        assert_eq!(molt_setattr_cached(o, ky, int(2), site_y.as_mut_ptr()), ERR);
    }
    let e = err_text();
    assert!(e.starts_with("AttributeError: property ") && e.ends_with("of 'Pt' object has no setter"), "{}", e);
}
