//! types/bignum.rs — arbitrary-precision integer arithmetic with Python's
//! semantics (floor division, two's-complement bit operations, modular hash,
//! correctly rounded conversion to float). Pure Rust: no object model, so it
//! is unit-tested on its own.
//! Neighbours: types/bigint.rs (the heap `int` object wrapping a `BigInt`),
//! types/int.rs (operators on int words), types/floatrepr.rs (exact decimal
//! expansion of doubles uses `BigInt`).
//!
//! Representation: sign + magnitude, little-endian `u32` limbs with no
//! trailing zero limb (zero is `neg: false, mag: []`). u32 limbs keep the
//! inner loops on u64 intermediates, fast on wasm32 as well as x86-64.
//! Multiplication switches to Karatsuba above `KARATSUBA_MIN` limbs; decimal
//! conversion in both directions is divide-and-conquer above `DC_MIN` limbs.

use std::cmp::Ordering;

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct BigInt {
    pub neg: bool,
    pub mag: Vec<u32>,
}

const KARATSUBA_MIN: usize = 40;
const DC_MIN: usize = 60;

/// The modulus of Python's numeric hash (2**61 - 1).
pub const HASH_MODULUS: u64 = (1u64 << 61) - 1;

// ---- magnitude helpers (little-endian u32 slices) -----------------------

fn trim(v: &mut Vec<u32>) {
    while let Some(&0) = v.last() {
        v.pop();
    }
}

fn mag_cmp(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for i in (0..a.len()).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    Ordering::Equal
}

fn mag_add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let (lo, hi) = a.split_at(b.len());
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    // `extend` over slice iterators writes without a capacity check per limb.
    out.extend(lo.iter().zip(b).map(|(&x, &y)| {
        let s = x as u64 + y as u64 + carry;
        carry = s >> 32;
        s as u32
    }));
    out.extend(hi.iter().map(|&x| {
        let s = x as u64 + carry;
        carry = s >> 32;
        s as u32
    }));
    if carry != 0 {
        out.push(carry as u32);
    }
    out
}

/// a - b, precondition |a| >= |b|.
fn mag_sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (lo, hi) = a.split_at(b.len());
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0u32;
    out.extend(lo.iter().zip(b).map(|(&x, &y)| {
        let (d, o1) = x.overflowing_sub(y);
        let (d, o2) = d.overflowing_sub(borrow);
        borrow = (o1 | o2) as u32;
        d
    }));
    out.extend(hi.iter().map(|&x| {
        let (d, o) = x.overflowing_sub(borrow);
        borrow = o as u32;
        d
    }));
    debug_assert!(borrow == 0);
    trim(&mut out);
    out
}

/// dst[off..] += src (dst must be long enough to absorb the carry).
fn add_into(dst: &mut [u32], src: &[u32], off: usize) {
    let mut carry = 0u64;
    let mut i = 0;
    while i < src.len() || carry != 0 {
        let s = dst[off + i] as u64 + if i < src.len() { src[i] as u64 } else { 0 } + carry;
        dst[off + i] = s as u32;
        carry = s >> 32;
        i += 1;
    }
}

/// dst[off..] -= src (the result must stay non-negative).
fn sub_into(dst: &mut [u32], src: &[u32], off: usize) {
    let mut borrow = 0i64;
    let mut i = 0;
    while i < src.len() || borrow != 0 {
        let mut d = dst[off + i] as i64 - borrow - if i < src.len() { src[i] as i64 } else { 0 };
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        } else {
            borrow = 0;
        }
        dst[off + i] = d as u32;
        i += 1;
    }
}

/// Magnitude times one limb (len + 1 limbs, the top one possibly zero).
fn mul_limb(a: &[u32], m: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    out.extend(a.iter().map(|&x| {
        let t = x as u64 * m as u64 + carry;
        carry = t >> 32;
        t as u32
    }));
    out.push(carry as u32);
    out
}

fn mul_school(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.len() == 1 {
        return mul_limb(b, a[0]);
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (o, &y) in out[i..i + b.len()].iter_mut().zip(b) {
            let t = x as u64 * y as u64 + *o as u64 + carry;
            *o = t as u32;
            carry = t >> 32;
        }
        out[i + b.len()] = carry as u32;
    }
    out
}

fn mag_mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut r = mul_rec(a, b);
    trim(&mut r);
    r
}

/// Product with Karatsuba above the threshold (result may have zero limbs on top).
fn mul_rec(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if a.len() < KARATSUBA_MIN {
        return mul_school(a, b);
    }
    if 2 * a.len() <= b.len() {
        // unbalanced: multiply `a` by chunks of `b`
        let mut out = vec![0u32; a.len() + b.len() + 1];
        let mut off = 0;
        while off < b.len() {
            let end = (off + a.len()).min(b.len());
            let p = mul_rec(a, &b[off..end]);
            let mut p = p;
            trim(&mut p);
            add_into(&mut out, &p, off);
            off = end;
        }
        out.truncate(a.len() + b.len());
        return out;
    }
    let m = b.len() / 2;
    let (a0, a1) = if a.len() > m { (&a[..m], &a[m..]) } else { (a, &a[..0]) };
    let (b0, b1) = (&b[..m], &b[m..]);
    let mut z0 = mul_rec(a0, b0);
    trim(&mut z0);
    let mut z2 = if a1.is_empty() { Vec::new() } else { mul_rec(a1, b1) };
    trim(&mut z2);
    let sa = mag_add(a0, a1);
    let sb = mag_add(b0, b1);
    let mut z1 = mul_rec(&sa, &sb);
    sub_into(&mut z1, &z0, 0);
    sub_into(&mut z1, &z2, 0);
    trim(&mut z1);
    let mut out = vec![0u32; a.len() + b.len() + 2];
    add_into(&mut out, &z0, 0);
    add_into(&mut out, &z1, m);
    add_into(&mut out, &z2, 2 * m);
    out.truncate(a.len() + b.len());
    out
}

/// Divide by a single limb: (quotient, remainder).
fn mag_divrem_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut r = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (r << 32) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        r = cur % d as u64;
    }
    trim(&mut q);
    (q, r as u32)
}

fn shl_bits(a: &[u32], s: u32) -> Vec<u32> {
    // 0 <= s < 32; output has one extra limb
    let mut out = Vec::with_capacity(a.len() + 1);
    if s == 0 {
        out.extend_from_slice(a);
        out.push(0);
        return out;
    }
    let mut carry = 0u32;
    out.extend(a.iter().map(|&x| {
        let r = (x << s) | carry;
        carry = x >> (32 - s);
        r
    }));
    out.push(carry);
    out
}

/// Long division (Knuth, TAOCP vol. 2, algorithm D): (quotient, remainder)
/// of magnitudes, b non-empty.
fn mag_divrem(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if mag_cmp(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = mag_divrem_small(a, b[0]);
        let mut rv = vec![r];
        trim(&mut rv);
        return (q, rv);
    }
    let s = b[b.len() - 1].leading_zeros();
    let mut bn = shl_bits(b, s);
    bn.pop();
    let mut an = shl_bits(a, s);
    let n = bn.len();
    let m = an.len() - n;
    let mut q = vec![0u32; m];
    let btop = bn[n - 1] as u64;
    let bsec = bn[n - 2] as u64;
    for j in (0..m).rev() {
        let num = ((an[j + n] as u64) << 32) | an[j + n - 1] as u64;
        let mut qhat = num / btop;
        let mut rhat = num % btop;
        while qhat >= (1 << 32) || qhat * bsec > ((rhat << 32) | an[j + n - 2] as u64) {
            qhat -= 1;
            rhat += btop;
            if rhat >= (1 << 32) {
                break;
            }
        }
        // an[j..j+n+1] -= qhat * bn
        // One signed carry: z = x + hi - qhat*bv, split as (x - lo(p)) + hi
        // and hi' = (z >> 32) - hi(p); |hi| stays below 2^33.
        let mut hi = 0i64;
        for (x, &bv) in an[j..j + n].iter_mut().zip(&bn) {
            let p = qhat * bv as u64;
            let z = (*x as i64 - (p & 0xffff_ffff) as i64) + hi;
            *x = z as u32;
            hi = (z >> 32) - (p >> 32) as i64;
        }
        let t = an[j + n] as i64 + hi;
        an[j + n] = t as u32;
        if t < 0 {
            // add back
            qhat -= 1;
            let mut c = 0u64;
            for (x, &bv) in an[j..j + n].iter_mut().zip(&bn) {
                let s2 = *x as u64 + bv as u64 + c;
                *x = s2 as u32;
                c = s2 >> 32;
            }
            an[j + n] = an[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    trim(&mut q);
    // remainder = an[..n] >> s
    // (an[n] is zero by now: the remainder is below bn.)
    let mut r = Vec::with_capacity(n);
    if s == 0 {
        r.extend_from_slice(&an[..n]);
    } else {
        r.extend(an[..n].iter().zip(&an[1..=n]).map(|(&lo, &hi)| (lo >> s) | (hi << (32 - s))));
    }
    trim(&mut r);
    (q, r)
}

// ---- BigInt ---------------------------------------------------------------

impl BigInt {
    pub fn zero() -> BigInt {
        BigInt { neg: false, mag: Vec::new() }
    }
    fn from_mag(neg: bool, mut mag: Vec<u32>) -> BigInt {
        trim(&mut mag);
        let neg = neg && !mag.is_empty();
        BigInt { neg, mag }
    }
    pub fn from_u64(x: u64) -> BigInt {
        BigInt::from_mag(false, vec![x as u32, (x >> 32) as u32])
    }
    pub fn from_i64(x: i64) -> BigInt {
        let mut b = BigInt::from_u64(x.unsigned_abs());
        b.neg = x < 0;
        b
    }
    pub fn from_u128(x: u128) -> BigInt {
        BigInt::from_mag(false, vec![x as u32, (x >> 32) as u32, (x >> 64) as u32, (x >> 96) as u32])
    }
    pub fn from_i128(x: i128) -> BigInt {
        let mut b = BigInt::from_u128(x.unsigned_abs());
        b.neg = x < 0 && !b.mag.is_empty();
        b
    }
    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }
    pub fn is_neg(&self) -> bool {
        self.neg
    }
    pub fn is_odd(&self) -> bool {
        !self.mag.is_empty() && self.mag[0] & 1 == 1
    }
    /// The magnitude as u128 when it fits.
    pub fn mag_u128(&self) -> Option<u128> {
        if self.mag.len() > 4 {
            return None;
        }
        let mut v = 0u128;
        for (i, &l) in self.mag.iter().enumerate() {
            v |= (l as u128) << (32 * i);
        }
        Some(v)
    }
    pub fn to_i128(&self) -> Option<i128> {
        let m = self.mag_u128()?;
        if self.neg {
            if m <= (i128::MAX as u128) + 1 {
                Some((m as i128).wrapping_neg())
            } else {
                None
            }
        } else if m <= i128::MAX as u128 {
            Some(m as i128)
        } else {
            None
        }
    }
    pub fn to_i64(&self) -> Option<i64> {
        self.to_i128().and_then(|x| if x >= i64::MIN as i128 && x <= i64::MAX as i128 { Some(x as i64) } else { None })
    }
    pub fn to_u64(&self) -> Option<u64> {
        if self.neg {
            return None;
        }
        self.mag_u128().and_then(|x| if x <= u64::MAX as u128 { Some(x as u64) } else { None })
    }
    pub fn negate(&self) -> BigInt {
        BigInt::from_mag(!self.neg, self.mag.clone())
    }
    pub fn abs(&self) -> BigInt {
        BigInt { neg: false, mag: self.mag.clone() }
    }
    pub fn signum(&self) -> i32 {
        if self.mag.is_empty() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    pub fn add(&self, o: &BigInt) -> BigInt {
        if self.neg == o.neg {
            return BigInt::from_mag(self.neg, mag_add(&self.mag, &o.mag));
        }
        match mag_cmp(&self.mag, &o.mag) {
            Ordering::Equal => BigInt::zero(),
            Ordering::Greater => BigInt::from_mag(self.neg, mag_sub(&self.mag, &o.mag)),
            Ordering::Less => BigInt::from_mag(o.neg, mag_sub(&o.mag, &self.mag)),
        }
    }
    pub fn sub(&self, o: &BigInt) -> BigInt {
        // self + (-o), without copying o
        let oneg = !o.neg && !o.mag.is_empty();
        if self.neg == oneg {
            return BigInt::from_mag(self.neg, mag_add(&self.mag, &o.mag));
        }
        match mag_cmp(&self.mag, &o.mag) {
            Ordering::Equal => BigInt::zero(),
            Ordering::Greater => BigInt::from_mag(self.neg, mag_sub(&self.mag, &o.mag)),
            Ordering::Less => BigInt::from_mag(oneg, mag_sub(&o.mag, &self.mag)),
        }
    }
    pub fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::from_mag(self.neg != o.neg, mag_mul(&self.mag, &o.mag))
    }
    pub fn mul_small(&self, m: u32) -> BigInt {
        BigInt::from_mag(self.neg, mul_limb(&self.mag, m))
    }
    pub fn add_small(&self, a: u32) -> BigInt {
        self.add(&BigInt::from_u64(a as u64))
    }

    /// Truncating division (quotient rounded toward zero). Precondition: o != 0.
    pub fn divrem_trunc(&self, o: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = mag_divrem(&self.mag, &o.mag);
        (BigInt::from_mag(self.neg != o.neg, q), BigInt::from_mag(self.neg, r))
    }
    /// Python's `divmod`: floor quotient, remainder with the divisor's sign.
    /// Precondition: o != 0.
    pub fn divmod_floor(&self, o: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = self.divrem_trunc(o);
        if !r.is_zero() && r.neg != o.neg {
            (q.sub(&BigInt::from_u64(1)), r.add(o))
        } else {
            (q, r)
        }
    }

    pub fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => mag_cmp(&self.mag, &o.mag),
            (true, true) => mag_cmp(&o.mag, &self.mag),
        }
    }

    pub fn bit_length(&self) -> u64 {
        match self.mag.last() {
            None => 0,
            Some(&top) => (self.mag.len() as u64 - 1) * 32 + (32 - top.leading_zeros()) as u64,
        }
    }
    pub fn bit_count(&self) -> u64 {
        self.mag.iter().map(|x| x.count_ones() as u64).sum()
    }
    /// Number of trailing zero bits of the magnitude (0 for zero).
    pub fn trailing_zeros(&self) -> u64 {
        for (i, &l) in self.mag.iter().enumerate() {
            if l != 0 {
                return i as u64 * 32 + l.trailing_zeros() as u64;
            }
        }
        0
    }
    pub fn bit(&self, i: u64) -> bool {
        let li = (i / 32) as usize;
        li < self.mag.len() && (self.mag[li] >> (i % 32)) & 1 == 1
    }

    /// self << n (n bits).
    pub fn shl(&self, n: u64) -> BigInt {
        if self.is_zero() {
            return BigInt::zero();
        }
        let limbs = (n / 32) as usize;
        let bits = (n % 32) as u32;
        let mut out = vec![0u32; limbs];
        out.extend(shl_bits(&self.mag, bits));
        BigInt::from_mag(self.neg, out)
    }
    /// Magnitude shifted right (truncating); returns (result, any bit lost).
    fn mag_shr(&self, n: u64) -> (Vec<u32>, bool) {
        let limbs = (n / 32) as usize;
        if limbs >= self.mag.len() {
            return (Vec::new(), !self.mag.is_empty());
        }
        let bits = (n % 32) as u32;
        let mut lost = self.mag[..limbs].iter().any(|&x| x != 0);
        let src = &self.mag[limbs..];
        let mut out = Vec::with_capacity(src.len());
        if bits == 0 {
            out.extend_from_slice(src);
        } else {
            lost |= src[0] & ((1u32 << bits) - 1) != 0;
            for i in 0..src.len() {
                let hi = if i + 1 < src.len() { src[i + 1] << (32 - bits) } else { 0 };
                out.push((src[i] >> bits) | hi);
            }
        }
        trim(&mut out);
        (out, lost)
    }
    /// Python's `self >> n` (floor toward -inf for negatives).
    pub fn shr(&self, n: u64) -> BigInt {
        let (m, lost) = self.mag_shr(n);
        let r = BigInt::from_mag(self.neg, m);
        if self.neg && lost {
            r.sub(&BigInt::from_u64(1))
        } else {
            r
        }
    }

    /// Two's-complement limbs of width `n` (n > bit length).
    fn twos(&self, n: usize) -> Vec<u32> {
        let mut v = self.mag.clone();
        v.resize(n, 0);
        if self.neg {
            let mut carry = 1u64;
            for x in v.iter_mut() {
                let t = (!*x) as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
        }
        v
    }
    fn from_twos(mut v: Vec<u32>) -> BigInt {
        let neg = v.last().map_or(false, |&t| t & 0x8000_0000 != 0);
        if neg {
            let mut carry = 1u64;
            for x in v.iter_mut() {
                let t = (!*x) as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
        }
        BigInt::from_mag(neg, v)
    }
    fn bitop(&self, o: &BigInt, f: impl Fn(u32, u32) -> u32) -> BigInt {
        let n = self.mag.len().max(o.mag.len()) + 1;
        let a = self.twos(n);
        let b = o.twos(n);
        BigInt::from_twos(a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect())
    }
    pub fn and(&self, o: &BigInt) -> BigInt {
        self.bitop(o, |x, y| x & y)
    }
    pub fn or(&self, o: &BigInt) -> BigInt {
        self.bitop(o, |x, y| x | y)
    }
    pub fn xor(&self, o: &BigInt) -> BigInt {
        self.bitop(o, |x, y| x ^ y)
    }
    /// `~self` == -self - 1.
    pub fn invert(&self) -> BigInt {
        self.negate().sub(&BigInt::from_u64(1))
    }

    /// self ** e.
    pub fn pow(&self, mut e: u64) -> BigInt {
        let mut base = self.clone();
        let mut acc = BigInt::from_u64(1);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.mul(&base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul(&base);
            }
        }
        acc
    }

    /// Python's `self % m` (m != 0).
    pub fn modulo(&self, m: &BigInt) -> BigInt {
        self.divmod_floor(m).1
    }

    /// pow(self, e, m) for e >= 0, m != 0, result with m's sign (Python).
    pub fn modpow(&self, e: &BigInt, m: &BigInt) -> BigInt {
        let mabs = m.abs();
        if mabs.mag == [1] {
            return BigInt::zero();
        }
        let mut base = self.modulo(&mabs);
        let mut acc = BigInt::from_u64(1);
        let nbits = e.bit_length();
        for i in 0..nbits {
            if e.bit(i) {
                acc = acc.mul(&base).modulo(&mabs);
            }
            if i + 1 < nbits {
                base = base.mul(&base).modulo(&mabs);
            }
        }
        if m.neg && !acc.is_zero() {
            acc = acc.add(m);
        }
        acc
    }

    /// Modular inverse of self modulo |m| (None when not invertible).
    pub fn modinv(&self, m: &BigInt) -> Option<BigInt> {
        let mabs = m.abs();
        let mut r0 = mabs.clone();
        let mut r1 = self.modulo(&mabs);
        let mut t0 = BigInt::zero();
        let mut t1 = BigInt::from_u64(1);
        while !r1.is_zero() {
            let (q, r2) = r0.divmod_floor(&r1);
            let t2 = t0.sub(&q.mul(&t1));
            r0 = r1;
            r1 = r2;
            t0 = t1;
            t1 = t2;
        }
        if r0.mag != [1] {
            return None;
        }
        Some(t0.modulo(&mabs))
    }

    /// gcd of magnitudes (Euclid; fine for the sizes programs use).
    pub fn gcd(&self, o: &BigInt) -> BigInt {
        let mut a = self.abs();
        let mut b = o.abs();
        while !b.is_zero() {
            let r = a.divrem_trunc(&b).1;
            a = b;
            b = r;
        }
        a
    }

    /// The top bits of the magnitude as (u64 mantissa, binary exponent,
    /// sticky) such that |self| ≈ mant * 2**exp.
    fn top64(&self) -> (u64, i64, bool) {
        let bl = self.bit_length();
        if bl <= 64 {
            return (self.mag_u128().unwrap_or(0) as u64, 0, false);
        }
        let sh = bl - 64;
        let (m, lost) = self.mag_shr(sh);
        let v = m.iter().enumerate().fold(0u64, |acc, (i, &l)| acc | (l as u64) << (32 * i));
        (v, sh as i64, lost)
    }

    /// Correctly rounded conversion to float (None on overflow).
    pub fn to_f64(&self) -> Option<f64> {
        let (m, e, sticky) = self.top64();
        let f = round_to_f64(m, e, sticky);
        if f.is_infinite() {
            None
        } else {
            Some(if self.neg { -f } else { f })
        }
    }

    /// Exact integer part of a finite float (truncation).
    pub fn from_f64(f: f64) -> BigInt {
        let t = f.trunc();
        if t.abs() < 9.0e15 {
            return BigInt::from_i64(t as i64);
        }
        let bits = t.abs().to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
        let b = BigInt::from_u64(mant);
        let b = if exp >= 0 { b.shl(exp as u64) } else { b.shr((-exp) as u64) };
        if t < 0.0 {
            b.negate()
        } else {
            b
        }
    }

    /// Python's `self / o` for ints, correctly rounded. Err(true) for
    /// division by zero, Err(false) when the result overflows a float.
    pub fn true_div(&self, o: &BigInt) -> Result<f64, bool> {
        if o.is_zero() {
            return Err(true);
        }
        let neg = self.neg != o.neg;
        if self.is_zero() {
            return Ok(if neg { -0.0 } else { 0.0 });
        }
        if self.bit_length() <= 53 && o.bit_length() <= 53 {
            let a = self.mag_u128().unwrap() as f64;
            let b = o.mag_u128().unwrap() as f64;
            let q = a / b;
            return Ok(if neg { -q } else { q });
        }
        let diff = self.bit_length() as i64 - o.bit_length() as i64;
        if diff > 1025 {
            return Err(false);
        }
        if diff < -1080 {
            return Ok(if neg { -0.0 } else { 0.0 });
        }
        // choose a shift so the quotient has 62..63 bits
        let shift = 62 - diff;
        let (n, d) = if shift >= 0 { (self.abs().shl(shift as u64), o.abs()) } else { (self.abs(), o.abs().shl((-shift) as u64)) };
        let (q, r) = mag_divrem(&n.mag, &d.mag);
        let qv = BigInt::from_mag(false, q).mag_u128().unwrap_or(0) as u64;
        let f = round_to_f64(qv, -shift, !r.is_empty());
        if f.is_infinite() {
            return Err(false);
        }
        Ok(if neg { -f } else { f })
    }

    /// Python's hash of an int (modulo 2**61 - 1, sign kept, -1 -> -2).
    pub fn hash(&self) -> i64 {
        let mut h: u64 = 0;
        for &l in self.mag.iter().rev() {
            // h = (h * 2**32 + l) mod P, with P = 2**61 - 1
            let t = ((h as u128) << 32) | l as u128;
            h = (t % HASH_MODULUS as u128) as u64;
        }
        let mut r = h as i64;
        if self.neg {
            r = -r;
        }
        if r == -1 {
            -2
        } else {
            r
        }
    }

    // ---- base conversion --------------------------------------------------

    /// Digits of |self| in `radix` (2..=36), lowercase, no sign or prefix.
    pub fn mag_to_radix(&self, radix: u32) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        if radix.is_power_of_two() {
            let bits = radix.trailing_zeros() as u64;
            let n = (self.bit_length() + bits - 1) / bits;
            let mut s = Vec::with_capacity(n as usize);
            for i in (0..n).rev() {
                let mut d = 0u32;
                for k in 0..bits {
                    if self.bit(i * bits + k) {
                        d |= 1 << k;
                    }
                }
                s.push(std::char::from_digit(d, radix).unwrap() as u8);
            }
            return String::from_utf8(s).unwrap();
        }
        if radix == 10 {
            if self.mag.len() <= 4 {
                let mut v = 0u128;
                for &l in self.mag.iter().rev() {
                    v = (v << 32) | l as u128;
                }
                return v.to_string();
            }
            if self.mag.len() < DC_MIN {
                return dec_school(&self.mag);
            }
            let mut out = String::new();
            let pows = pow10_table(self.mag.len());
            dec_rec(&self.mag, &pows, pows.len(), 0, &mut out);
            return out;
        }
        // other radixes: repeated division by the largest power that fits a limb
        let (chunk, per) = big_radix(radix);
        let mut parts = Vec::new();
        let mut cur = self.mag.clone();
        while !cur.is_empty() {
            let (q, r) = mag_divrem_small(&cur, chunk);
            parts.push(r);
            cur = q;
        }
        let mut out = String::new();
        for (i, &p) in parts.iter().rev().enumerate() {
            let mut digs = Vec::new();
            let mut v = p;
            for _ in 0..per {
                digs.push(std::char::from_digit(v % radix, radix).unwrap());
                v /= radix;
                if i == 0 && v == 0 {
                    break;
                }
            }
            out.extend(digs.iter().rev());
        }
        out
    }

    /// Decimal string with sign.
    pub fn to_string_dec(&self) -> String {
        let s = self.mag_to_radix(10);
        if self.neg {
            format!("-{}", s)
        } else {
            s
        }
    }

    /// Number of decimal digits of |self| (exact).
    pub fn decimal_digits(&self) -> usize {
        self.mag_to_radix(10).len()
    }

    /// Parse plain digits (ASCII, no sign, no underscores) in `radix`
    /// (2..=36). None when a character is not a digit of the radix or the
    /// string is empty.
    pub fn parse_digits(s: &[u8], radix: u32) -> Option<BigInt> {
        if s.is_empty() {
            return None;
        }
        let mut vals = Vec::with_capacity(s.len());
        for &c in s {
            let d = (c as char).to_digit(36)?;
            if d >= radix {
                return None;
            }
            vals.push(d as u8);
        }
        if radix.is_power_of_two() {
            let bits = radix.trailing_zeros() as usize;
            let total = vals.len() * bits;
            let mut mag = vec![0u32; total / 32 + 1];
            for (i, &d) in vals.iter().rev().enumerate() {
                let pos = i * bits;
                let (li, sh) = (pos / 32, pos % 32);
                mag[li] |= (d as u32) << sh;
                if sh + bits > 32 {
                    mag[li + 1] |= (d as u32) >> (32 - sh);
                }
            }
            return Some(BigInt::from_mag(false, mag));
        }
        if radix == 10 && vals.len() > DC_MIN * 9 {
            return Some(parse_dec_rec(&vals));
        }
        let (chunk, per) = big_radix(radix);
        let mut r = BigInt::zero();
        let mut i = 0;
        while i < vals.len() {
            let end = (i + per).min(vals.len());
            let mut v = 0u32;
            let mut mult = 1u32;
            for &d in &vals[i..end] {
                v = v * radix + d as u32;
                mult *= radix;
            }
            let m = if end - i == per { chunk } else { mult };
            r = r.mul_small(m).add_small(v);
            i = end;
        }
        Some(r)
    }

    /// Big-endian or little-endian bytes of the value in two's complement
    /// (signed) or unsigned form, exactly `len` bytes. None on overflow.
    pub fn to_bytes(&self, len: usize, little: bool, signed: bool) -> Option<Vec<u8>> {
        if self.neg && !signed {
            return None;
        }
        let bl = self.bit_length();
        let need_bits = if signed {
            if self.neg {
                // -2**(k-1) fits in k bits
                let t = self.abs().sub(&BigInt::from_u64(1));
                t.bit_length() + 1
            } else {
                bl + 1
            }
        } else {
            bl
        };
        if need_bits > len as u64 * 8 {
            if !(self.is_zero() && len == 0) {
                return None;
            }
        }
        let nl = len / 4 + 2;
        let limbs = self.twos(nl);
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            out.push((limbs[i / 4] >> (8 * (i % 4))) as u8);
        }
        if !little {
            out.reverse();
        }
        Some(out)
    }

    pub fn from_bytes(b: &[u8], little: bool, signed: bool) -> BigInt {
        let mut bytes: Vec<u8> = b.to_vec();
        if !little {
            bytes.reverse();
        }
        let mut mag = vec![0u32; bytes.len() / 4 + 1];
        for (i, &x) in bytes.iter().enumerate() {
            mag[i / 4] |= (x as u32) << (8 * (i % 4));
        }
        let r = BigInt::from_mag(false, mag);
        if signed && !bytes.is_empty() && bytes[bytes.len() - 1] & 0x80 != 0 {
            r.sub(&BigInt::from_u64(1).shl(8 * bytes.len() as u64))
        } else {
            r
        }
    }

    /// Exact comparison with a float (NaN compares unordered: None).
    pub fn cmp_f64(&self, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
        }
        let fi = BigInt::from_f64(f);
        match self.cmp(&fi) {
            Ordering::Equal => {
                let frac = f - f.trunc();
                Some(if frac > 0.0 {
                    Ordering::Less
                } else if frac < 0.0 {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                })
            }
            o => Some(o),
        }
    }

    /// Integer square root of a non-negative value (Newton).
    pub fn isqrt(&self) -> BigInt {
        if self.is_zero() {
            return BigInt::zero();
        }
        let mut x = BigInt::from_u64(1).shl((self.bit_length() + 1) / 2);
        loop {
            let y = x.add(&self.divrem_trunc(&x).0).shr(1);
            if y.cmp(&x) != Ordering::Less {
                return x;
            }
            x = y;
        }
    }
}

/// Round `m * 2**e` (plus a sticky bit meaning "a little more than that")
/// to the nearest double, ties to even. Returns +inf on overflow.
pub fn round_to_f64(m: u64, e: i64, sticky: bool) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let bits = 64 - m.leading_zeros() as i64;
    let top = bits - 1 + e; // exponent of the leading bit
    if top > 1023 {
        return f64::INFINITY;
    }
    // lowest bit position we may keep
    let low = (top - 52).max(-1074);
    let drop = low - e;
    let (kept, exp) = if drop <= 0 {
        (m, e)
    } else if drop >= 64 {
        // everything below the rounding point
        let half_exact = drop == 64 && m == 1u64 << 63;
        let up = (drop == 64 && m > 1u64 << 63) || (half_exact && sticky);
        (up as u64, low)
    } else {
        let kept = m >> drop;
        let rem = m & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        let up = rem > half || (rem == half && (sticky || kept & 1 == 1));
        (kept + up as u64, low)
    };
    ldexp_exact(kept as f64, exp)
}

/// x * 2**e, for results that are exactly representable (or overflow).
pub fn ldexp_exact(mut x: f64, mut e: i64) -> f64 {
    while e > 0 {
        let s = e.min(1000);
        x *= f64::from_bits(((1023 + s) as u64) << 52);
        e -= s;
        if x.is_infinite() {
            return x;
        }
    }
    while e < 0 {
        let s = (-e).min(1000);
        x *= f64::from_bits(((1023 - s) as u64) << 52);
        e += s;
    }
    x
}

/// (radix**per, per) with radix**per < 2**32.
fn big_radix(radix: u32) -> (u32, usize) {
    let mut c: u64 = radix as u64;
    let mut per = 1;
    while c * radix as u64 <= u32::MAX as u64 {
        c *= radix as u64;
        per += 1;
    }
    (c as u32, per)
}

/// pows[k] = 10**(9 * 2**k), enough entries to cover `limbs` limbs.
fn pow10_table(limbs: usize) -> Vec<BigInt> {
    let mut pows = vec![BigInt::from_u64(1_000_000_000)];
    // 10**(9*2**k) has about 30*2**k bits
    while (pows.last().unwrap().mag.len()) * 2 <= limbs {
        let l = pows.last().unwrap();
        let sq = l.mul(l);
        pows.push(sq);
    }
    pows
}

/// Append the decimal digits of `mag` to `out`, zero-padded to `width`
/// digits (0 = no padding). Uses pows[..k].
fn dec_rec(mag: &[u32], pows: &[BigInt], k: usize, width: usize, out: &mut String) {
    if mag.len() < DC_MIN || k == 0 {
        let s = dec_school(mag);
        if s.len() < width {
            for _ in 0..width - s.len() {
                out.push('0');
            }
        }
        out.push_str(&s);
        return;
    }
    let p = &pows[k - 1];
    if mag_cmp(mag, &p.mag) == Ordering::Less {
        dec_rec(mag, pows, k - 1, width, out);
        return;
    }
    let (q, r) = mag_divrem(mag, &p.mag);
    let low_width = 9usize << (k - 1);
    let hi_width = if width > low_width { width - low_width } else { 0 };
    dec_rec(&q, pows, k - 1, hi_width, out);
    dec_rec(&r, pows, k - 1, low_width, out);
}

fn dec_school(mag: &[u32]) -> String {
    if mag.is_empty() {
        return String::new(); // padded by the caller (value 0)
    }
    let mut parts = Vec::new();
    let mut cur = mag.to_vec();
    while !cur.is_empty() {
        let (q, r) = mag_divrem_small(&cur, 1_000_000_000);
        parts.push(r);
        cur = q;
    }
    let mut s = String::with_capacity(parts.len() * 9);
    s.push_str(&parts[parts.len() - 1].to_string());
    for &p in parts.iter().rev().skip(1) {
        let mut buf = [b'0'; 9];
        let mut x = p;
        for slot in buf.iter_mut().rev() {
            *slot = b'0' + (x % 10) as u8;
            x /= 10;
        }
        // SAFETY: ASCII digits.
        s.push_str(unsafe { std::str::from_utf8_unchecked(&buf) });
    }
    s
}

fn parse_dec_rec(d: &[u8]) -> BigInt {
    if d.len() <= DC_MIN * 9 {
        let mut r = BigInt::zero();
        for ch in d.chunks(9) {
            let mut v = 0u32;
            for &x in ch {
                v = v * 10 + x as u32;
            }
            r = r.mul_small(10u32.pow(ch.len() as u32)).add_small(v);
        }
        return r;
    }
    let lo_len = d.len() / 2;
    let (hi, lo) = d.split_at(d.len() - lo_len);
    let h = parse_dec_rec(hi);
    let l = parse_dec_rec(lo);
    h.mul(&BigInt::from_u64(10).pow(lo_len as u64)).add(&l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> BigInt {
        let (neg, digits) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let v = BigInt::parse_digits(digits.as_bytes(), 10).unwrap();
        if neg {
            v.negate()
        } else {
            v
        }
    }

    #[test]
    fn roundtrip_and_arith() {
        let x = b("123456789012345678901234567890");
        assert_eq!(x.to_string_dec(), "123456789012345678901234567890");
        assert_eq!(x.mul(&x).to_string_dec(), "15241578753238836750495351562536198787501905199875019052100");
        assert_eq!(b("-5").divmod_floor(&b("3")).0.to_string_dec(), "-2");
        assert_eq!(b("-5").divmod_floor(&b("3")).1.to_string_dec(), "1");
        assert_eq!(b("5").divmod_floor(&b("-3")).1.to_string_dec(), "-1");
        let big = BigInt::from_u64(2).pow(200);
        assert_eq!(big.to_string_dec(), "1606938044258990275541962092341162602522202993782792835301376");
        let (q, r) = big.divmod_floor(&b("-12345678901234567"));
        assert_eq!(q.mul(&b("-12345678901234567")).add(&r), big);
        assert!(r.is_neg());
    }

    #[test]
    fn karatsuba_matches_schoolbook() {
        let a = BigInt::from_u64(3).pow(3000).add_small(7);
        let c = BigInt::from_u64(7).pow(2500).add_small(1);
        let k = a.mul(&c);
        let s = BigInt::from_mag(false, mul_school(&a.mag, &c.mag));
        assert_eq!(k, s);
        let (q, r) = k.divrem_trunc(&a);
        assert_eq!(q, c);
        assert!(r.is_zero());
    }

    #[test]
    fn big_decimal_conversion() {
        let x = BigInt::from_u64(10).pow(9999).add_small(12345);
        let s = x.to_string_dec();
        assert_eq!(s.len(), 10000);
        assert!(s.starts_with("1000"));
        assert!(s.ends_with("0012345"));
        assert_eq!(BigInt::parse_digits(s.as_bytes(), 10).unwrap(), x);
        let t = std::time::Instant::now();
        let y = BigInt::from_u64(7).pow(30000);
        let ys = y.to_string_dec();
        assert_eq!(BigInt::parse_digits(ys.as_bytes(), 10).unwrap(), y);
        assert!(t.elapsed().as_secs_f64() < 2.0);
    }

    #[test]
    fn bit_ops_twos_complement() {
        assert_eq!(b("-12").and(&b("10")).to_string_dec(), "0");
        assert_eq!(b("-12").or(&b("10")).to_string_dec(), "-2");
        assert_eq!(b("-12").xor(&b("10")).to_string_dec(), "-2");
        assert_eq!(b("-1").and(&BigInt::from_u64(1).shl(100)), BigInt::from_u64(1).shl(100));
        assert_eq!(b("-7").shr(1).to_string_dec(), "-4");
        assert_eq!(b("-8").shr(100).to_string_dec(), "-1");
        assert_eq!(b("5").invert().to_string_dec(), "-6");
    }

    #[test]
    fn hash_and_float() {
        assert_eq!(BigInt::from_u64(1).shl(61).sub(&BigInt::from_u64(1)).hash(), 0);
        assert_eq!(BigInt::from_u64(1).shl(61).hash(), 1);
        assert_eq!(b("-1").hash(), -2);
        assert_eq!(BigInt::from_u64((1 << 53) + 1).to_f64(), Some(9007199254740992.0));
        assert_eq!(BigInt::from_u64((1 << 53) + 3).to_f64(), Some(9007199254740996.0));
        assert_eq!(BigInt::from_u64(10).pow(400).to_f64(), None);
        assert_eq!(b("10").pow(400).true_div(&b("10").pow(399)), Ok(10.0));
        assert_eq!(b("1").true_div(&b("3")), Ok(1.0 / 3.0));
        assert_eq!(BigInt::from_f64(1e20).to_string_dec(), "100000000000000000000");
        assert_eq!(round_to_f64(1, -1074, false), 5e-324);
        assert_eq!(round_to_f64(1, -1075, true), 5e-324);
        assert_eq!(round_to_f64(1, -1075, false), 0.0);
    }

    #[test]
    fn division_property_many_sizes() {
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut rnd = |n: usize| {
            let mut v = Vec::new();
            for _ in 0..n {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                v.push((seed >> 32) as u32);
            }
            BigInt::from_mag(false, v)
        };
        for la in [1usize, 2, 3, 5, 17, 60, 130] {
            for lb in [1usize, 2, 3, 4, 16, 45, 90] {
                let a = rnd(la);
                let mut d = rnd(lb);
                if d.is_zero() {
                    d = BigInt::from_u64(3);
                }
                let (q, r) = a.divrem_trunc(&d);
                assert_eq!(q.mul(&d).add(&r), a);
                assert_eq!(r.cmp(&d), Ordering::Less);
                let s = a.to_string_dec();
                assert_eq!(BigInt::parse_digits(s.as_bytes(), 10).unwrap(), a);
            }
        }
        // the add-back branch of algorithm D
        let a = BigInt::from_mag(false, vec![0, 0, 0x8000_0000, 0x7fff_ffff]);
        let d = BigInt::from_mag(false, vec![1, 0, 0x8000_0000]);
        let (q, r) = a.divrem_trunc(&d);
        assert_eq!(q.mul(&d).add(&r), a);
    }

    #[test]
    fn radix_and_bytes() {
        let x = b("255");
        assert_eq!(x.mag_to_radix(16), "ff");
        assert_eq!(x.mag_to_radix(2), "11111111");
        assert_eq!(x.mag_to_radix(36), "73");
        assert_eq!(BigInt::parse_digits(b"zz", 36).unwrap().to_string_dec(), "1295");
        assert_eq!(b("-129").to_bytes(2, false, true), Some(vec![0xff, 0x7f]));
        assert_eq!(b("-128").to_bytes(1, false, true), Some(vec![0x80]));
        assert_eq!(b("128").to_bytes(1, false, true), None);
        assert_eq!(BigInt::from_bytes(&[0xff, 0x7f], false, true).to_string_dec(), "-129");
        assert_eq!(b("3").modpow(&b("200"), &b("-7")).to_string_dec(), "-5");
        assert_eq!(b("3").modinv(&b("7")).unwrap().to_string_dec(), "5");
    }
}
