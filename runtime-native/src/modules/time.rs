//! modules/time.rs — the `time` module: clocks, sleep, and calendar time
//! (`struct_time`, gmtime/localtime/mktime, asctime/ctime, strftime). Local
//! time is UTC (timezone 0, no DST): CPython's results under TZ=UTC.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::module::*;
use crate::value::*;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

static mut START: Option<Instant> = None;

fn since_start() -> Duration {
    // SAFETY: single-threaded runtime.
    unsafe {
        let s = &mut *std::ptr::addr_of_mut!(START);
        if s.is_none() {
            *s = Some(Instant::now());
        }
        s.unwrap().elapsed()
    }
}

fn wall() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

unsafe fn time(a: &[u64], k: u64) -> u64 {
    ok!(check_args("time", a, k, 0, 0));
    box_float(wall().as_secs_f64())
}
unsafe fn time_ns(a: &[u64], k: u64) -> u64 {
    ok!(check_args("time_ns", a, k, 0, 0));
    crate::types::int::int_from_i64(wall().as_nanos() as i64)
}
unsafe fn perf_counter(a: &[u64], k: u64) -> u64 {
    ok!(check_args("perf_counter", a, k, 0, 0));
    box_float(since_start().as_secs_f64())
}
unsafe fn perf_counter_ns(a: &[u64], k: u64) -> u64 {
    ok!(check_args("perf_counter_ns", a, k, 0, 0));
    crate::types::int::int_from_i64(since_start().as_nanos() as i64)
}
unsafe fn sleep(a: &[u64], k: u64) -> u64 {
    ok!(check_args("sleep", a, k, 1, 1));
    let s = ok!(crate::modules::math::to_f64(a[0]));
    if s < 0.0 {
        return raise_value_error("sleep length must be non-negative".to_string());
    }
    crate::modules::sys::flush_stdout();
    std::thread::sleep(Duration::from_secs_f64(s));
    NONE
}

// ---- calendar time ------------------------------------------------------

const WDAY: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const TM_FIELDS: [&str; 9] = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"];

/// Broken-down time: year, month 1-12, day 1-31, hour, minute, second,
/// weekday (Monday 0), day of the year 1-366, isdst.
type Tm = [i64; 9];

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days from 1970-01-01 to year/month/day (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn tm_from_secs(t: i64) -> Tm {
    let days = t.div_euclid(86400);
    let rem = t.rem_euclid(86400);
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy0 = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy0 + 2) / 153;
    let d = doy0 - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let yday = days - days_from_civil(y, 1, 1) + 1;
    let wday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday
    [y, m, d, rem / 3600, rem % 3600 / 60, rem % 60, wday, yday, 0]
}

static mut STRUCT_TIME: *mut TypeObject = std::ptr::null_mut();

unsafe fn st_field(v: u64, i: usize) -> u64 {
    newref(crate::types::tuple::tuple_items(v)[i])
}

unsafe fn st_repr(v: u64) -> u64 {
    let items = crate::types::tuple::tuple_items(v);
    let mut out = String::from("time.struct_time(");
    for (i, x) in items.iter().enumerate() {
        let r = match crate::protocols::repr::repr(*x) {
            Ok(r) => r,
            Err(_) => return ERR,
        };
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(TM_FIELDS.get(i).copied().unwrap_or("?"));
        out.push('=');
        out.push_str(crate::types::str::str_as(r));
        decref(r);
    }
    out.push(')');
    crate::types::str::str_from_string(out)
}

/// `time.struct_time`: a tuple subtype with read-only named fields.
fn struct_time_type() -> *mut TypeObject {
    // SAFETY: single-threaded; the tuple type is initialised.
    unsafe {
        if !STRUCT_TIME.is_null() {
            return STRUCT_TIME;
        }
        let t = struct_time_subtype(tp(TypeId::Tuple), Some(st_repr));
        crate::types::descr::add_getset(t, TM_FIELDS[0], |v| st_field(v, 0), None);
        crate::types::descr::add_getset(t, TM_FIELDS[1], |v| st_field(v, 1), None);
        crate::types::descr::add_getset(t, TM_FIELDS[2], |v| st_field(v, 2), None);
        crate::types::descr::add_getset(t, TM_FIELDS[3], |v| st_field(v, 3), None);
        crate::types::descr::add_getset(t, TM_FIELDS[4], |v| st_field(v, 4), None);
        crate::types::descr::add_getset(t, TM_FIELDS[5], |v| st_field(v, 5), None);
        crate::types::descr::add_getset(t, TM_FIELDS[6], |v| st_field(v, 6), None);
        crate::types::descr::add_getset(t, TM_FIELDS[7], |v| st_field(v, 7), None);
        crate::types::descr::add_getset(t, TM_FIELDS[8], |v| st_field(v, 8), None);
        crate::types::descr::add_getset(t, "tm_zone", |_| crate::types::str::str_from("GMT"), None);
        crate::types::descr::add_getset(t, "tm_gmtoff", |_| small_int(0), None);
        STRUCT_TIME = t;
        t
    }
}

static mut LOCAL_TIME: *mut TypeObject = std::ptr::null_mut();

/// A tuple subtype named `struct_time` of module `time`.
unsafe fn struct_time_subtype(base: *mut TypeObject, repr: Option<UnaryFn>) -> *mut TypeObject {
    let t = crate::types::tuple::tuple_subtype(base, "struct_time", repr);
    let m = crate::types::str::str_from("time");
    crate::types::dict::dict_set_str((*t).dict, "__module__", m);
    decref(m);
    t
}

/// The type of localtime()'s results: a struct_time whose zone is "UTC"
/// (gmtime's is "GMT", as glibc names them).
fn local_time_type() -> *mut TypeObject {
    // SAFETY: single-threaded; struct_time_type() is initialised.
    unsafe {
        if !LOCAL_TIME.is_null() {
            return LOCAL_TIME;
        }
        let t = struct_time_subtype(struct_time_type(), None);
        crate::types::descr::add_getset(t, "tm_zone", |_| crate::types::str::str_from("UTC"), None);
        LOCAL_TIME = t;
        t
    }
}

fn struct_time_new(tm: &Tm) -> u64 {
    crate::types::tuple::tuple_new_of(struct_time_type(), tm.iter().map(|&x| small_int(x)).collect())
}

/// The seconds argument of gmtime/localtime/ctime: now when absent or None,
/// else floored to whole seconds.
fn secs_arg(a: &[u64]) -> R<i64> {
    if a.is_empty() || a[0] == NONE {
        return Ok(wall().as_secs() as i64);
    }
    if crate::types::int::is_int_like(a[0]) && !is_float(a[0]) {
        return match crate::types::int::as_i64(a[0]) {
            Some(i) if i.unsigned_abs() < 1u64 << 55 => Ok(i),
            _ => Err(raise_p(Exc::OverflowError, "timestamp out of range for platform time_t".to_string())),
        };
    }
    let f = crate::modules::math::to_f64(a[0])?;
    if f.is_nan() {
        return Err(raise_value_error_p("Invalid value NaN (not a number)".to_string()));
    }
    if !f.is_finite() || f.abs() > 3.6e16 {
        return Err(raise_p(Exc::OverflowError, "timestamp out of range for platform time_t".to_string()));
    }
    Ok(f.floor() as i64)
}

/// A struct_time or 9-sequence argument as a Tm.
fn tm_arg(fname: &str, v: u64) -> R<Tm> {
    let items = crate::protocols::iter::collect(v)?;
    let n = items.len();
    let mut tm = [0i64; 9];
    let mut bad = n != 9;
    for (i, x) in items.into_iter().enumerate() {
        if i < 9 && !bad {
            match crate::types::int::as_i64(x) {
                Some(k) if crate::types::int::is_int_like(x) => tm[i] = k,
                _ => bad = true,
            }
        }
        decref(x);
    }
    if n != 9 {
        return Err(raise_type_error_p(format!("{}(): illegal time tuple argument", fname)));
    }
    if bad {
        return Err(raise_type_error_p("'float' object cannot be interpreted as an integer".to_string()));
    }
    Ok(tm)
}

/// The time argument of asctime/strftime: now when absent or None.
fn tm_or_now(fname: &str, a: &[u64], i: usize) -> R<Tm> {
    if a.len() <= i || a[i] == NONE {
        return Ok(tm_from_secs(wall().as_secs() as i64));
    }
    let tm = tm_arg(fname, a[i])?;
    check_tm(&tm)?;
    Ok(tm)
}

fn check_tm(tm: &Tm) -> R<()> {
    let bad = |what: &str| Err(raise_value_error_p(format!("{} out of range", what)));
    if !(1..=12).contains(&tm[1]) && tm[1] != 0 {
        return bad("month");
    }
    if !(0..=31).contains(&tm[2]) {
        return bad("day of month");
    }
    if !(0..=23).contains(&tm[3]) {
        return bad("hour");
    }
    if !(0..=59).contains(&tm[4]) {
        return bad("minute");
    }
    if !(0..=61).contains(&tm[5]) {
        return bad("seconds");
    }
    if tm[6] < 0 {
        return bad("day of week");
    }
    if !(0..=366).contains(&tm[7]) {
        return bad("day of year");
    }
    Ok(())
}

fn asctime_text(tm: &Tm) -> String {
    let wd = &WDAY[tm[6].rem_euclid(7) as usize][..3];
    let mo = &MONTH[(tm[1].max(1) - 1) as usize % 12][..3];
    format!("{} {} {:2} {:02}:{:02}:{:02} {}", wd, mo, tm[2], tm[3], tm[4], tm[5], tm[0])
}

/// `strftime` in the C locale; an unknown directive is copied as is.
fn strftime_text(fmt: &str, tm: &Tm) -> String {
    let mut out = String::new();
    let mut it = fmt.chars().peekable();
    let wday = tm[6].rem_euclid(7) as usize;
    let sunday_wday = (wday + 1) % 7; // Sunday 0, as C's tm_wday
    let mon = (tm[1].max(1) - 1) as usize % 12;
    let yday0 = tm[7] - 1;
    let hour12 = if tm[3] % 12 == 0 { 12 } else { tm[3] % 12 };
    // ISO 8601 week-based year and week
    let iso = || {
        let wd = wday as i64; // Monday 0
        let mut year = tm[0];
        let mut week = (yday0 - wd + 10) / 7;
        if week < 1 {
            year -= 1;
            let days_prev = if is_leap(year) { 366 } else { 365 };
            week = (yday0 + days_prev - wd + 10) / 7;
        } else {
            let days = if is_leap(year) { 366 } else { 365 };
            if week == 53 && (yday0 - wd + 10) - days >= 7 {
                year += 1;
                week = 1;
            } else if yday0 - wd + 3 >= days {
                year += 1;
                week = 1;
            }
        }
        (year, week)
    };
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let d = match it.next() {
            Some(d) => d,
            None => {
                out.push('%');
                break;
            }
        };
        match d {
            'a' => out.push_str(&WDAY[wday][..3]),
            'A' => out.push_str(WDAY[wday]),
            'b' | 'h' => out.push_str(&MONTH[mon][..3]),
            'B' => out.push_str(MONTH[mon]),
            'c' => out.push_str(&asctime_text(tm)),
            'C' => out.push_str(&format!("{:02}", tm[0].div_euclid(100))),
            'd' => out.push_str(&format!("{:02}", tm[2])),
            'D' => out.push_str(&format!("{:02}/{:02}/{:02}", tm[1], tm[2], tm[0].rem_euclid(100))),
            'e' => out.push_str(&format!("{:2}", tm[2])),
            'F' => out.push_str(&format!("{}-{:02}-{:02}", tm[0], tm[1], tm[2])),
            'G' => out.push_str(&format!("{}", iso().0)),
            'g' => out.push_str(&format!("{:02}", iso().0.rem_euclid(100))),
            'H' => out.push_str(&format!("{:02}", tm[3])),
            'I' => out.push_str(&format!("{:02}", hour12)),
            'j' => out.push_str(&format!("{:03}", tm[7])),
            'm' => out.push_str(&format!("{:02}", tm[1])),
            'M' => out.push_str(&format!("{:02}", tm[4])),
            'n' => out.push('\n'),
            'p' => out.push_str(if tm[3] < 12 { "AM" } else { "PM" }),
            'r' => out.push_str(&format!("{:02}:{:02}:{:02} {}", hour12, tm[4], tm[5], if tm[3] < 12 { "AM" } else { "PM" })),
            'R' => out.push_str(&format!("{:02}:{:02}", tm[3], tm[4])),
            'S' => out.push_str(&format!("{:02}", tm[5])),
            's' => {
                let days = days_from_civil(tm[0], tm[1].max(1), tm[2]);
                out.push_str(&format!("{}", days * 86400 + tm[3] * 3600 + tm[4] * 60 + tm[5]));
            }
            't' => out.push('\t'),
            'T' => out.push_str(&format!("{:02}:{:02}:{:02}", tm[3], tm[4], tm[5])),
            'u' => out.push_str(&format!("{}", wday + 1)),
            'U' => out.push_str(&format!("{:02}", (yday0 + 7 - sunday_wday as i64) / 7)),
            'V' => out.push_str(&format!("{:02}", iso().1)),
            'w' => out.push_str(&format!("{}", sunday_wday)),
            'W' => out.push_str(&format!("{:02}", (yday0 + 7 - wday as i64) / 7)),
            'x' => out.push_str(&format!("{:02}/{:02}/{:02}", tm[1], tm[2], tm[0].rem_euclid(100))),
            'X' => out.push_str(&format!("{:02}:{:02}:{:02}", tm[3], tm[4], tm[5])),
            'y' => out.push_str(&format!("{:02}", tm[0].rem_euclid(100))),
            'Y' => out.push_str(&format!("{}", tm[0])),
            'z' => out.push_str("+0000"),
            'Z' => out.push_str("UTC"),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

unsafe fn gmtime(a: &[u64], k: u64) -> u64 {
    ok!(check_args("gmtime", a, k, 0, 1));
    struct_time_new(&tm_from_secs(ok!(secs_arg(a))))
}
unsafe fn localtime(a: &[u64], k: u64) -> u64 {
    ok!(check_args("localtime", a, k, 0, 1));
    let tm = tm_from_secs(ok!(secs_arg(a)));
    crate::types::tuple::tuple_new_of(local_time_type(), tm.iter().map(|&x| small_int(x)).collect())
}
unsafe fn mktime(a: &[u64], k: u64) -> u64 {
    ok!(check_args("mktime", a, k, 1, 1));
    let tm = ok!(tm_arg("mktime", a[0]));
    // normalise the month into the year, as C's mktime
    let m0 = tm[1] - 1;
    let y = tm[0] + m0.div_euclid(12);
    let m = m0.rem_euclid(12) + 1;
    let days = days_from_civil(y, m, 1) + tm[2] - 1;
    box_float((days * 86400 + tm[3] * 3600 + tm[4] * 60 + tm[5]) as f64)
}
unsafe fn asctime(a: &[u64], k: u64) -> u64 {
    ok!(check_args("asctime", a, k, 0, 1));
    let tm = ok!(tm_or_now("asctime", a, 0));
    crate::types::str::str_from_string(asctime_text(&tm))
}
unsafe fn ctime(a: &[u64], k: u64) -> u64 {
    ok!(check_args("ctime", a, k, 0, 1));
    crate::types::str::str_from_string(asctime_text(&tm_from_secs(ok!(secs_arg(a)))))
}
unsafe fn strftime(a: &[u64], k: u64) -> u64 {
    ok!(check_args("strftime", a, k, 1, 2));
    if !crate::types::str::is_str(a[0]) {
        return raise_type_error(format!("strftime() argument 1 must be str, not {}", tname(a[0])));
    }
    let tm = ok!(tm_or_now("strftime", a, 1));
    crate::types::str::str_from_string(strftime_text(crate::types::str::str_as(a[0]), &tm))
}
unsafe fn tzset(a: &[u64], k: u64) -> u64 {
    ok!(check_args("tzset", a, k, 0, 0));
    NONE
}

/// Build the `time` module.
pub fn create() -> u64 {
    since_start();
    let m = module_new("time");
    let fns: &[(&'static str, NativeFn)] = &[
        ("time", time),
        ("time_ns", time_ns),
        ("perf_counter", perf_counter),
        ("perf_counter_ns", perf_counter_ns),
        ("monotonic", perf_counter),
        ("monotonic_ns", perf_counter_ns),
        ("process_time", perf_counter),
        ("process_time_ns", perf_counter_ns),
        ("sleep", sleep),
        ("gmtime", gmtime),
        ("localtime", localtime),
        ("mktime", mktime),
        ("asctime", asctime),
        ("ctime", ctime),
        ("strftime", strftime),
        ("tzset", tzset),
    ];
    for (n, f) in fns {
        module_set(m, n, new_builtin(n, "time", *f));
    }
    let st = struct_time_type();
    incref(from_ptr(st as *mut ObjHeader));
    module_set(m, "struct_time", from_ptr(st as *mut ObjHeader));
    module_set(m, "timezone", small_int(0));
    module_set(m, "altzone", small_int(0));
    module_set(m, "daylight", small_int(0));
    let utc = crate::types::str::str_from("UTC");
    module_set(m, "tzname", crate::types::tuple::tuple_new(vec![utc, newref(utc)]));
    m
}
