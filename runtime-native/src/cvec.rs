//! cvec.rs — `CVec<T>`: a growable buffer with a fixed `#[repr(C)]` layout
//! `{ptr, len, cap}` (3 words), for object fields that compiled code reads
//! at fixed offsets (lower-native's `layout.ts`). `Vec`'s field order is not
//! specified and differs between rustc versions, so those structs cannot
//! embed a `Vec` directly.
//!
//! The buffer is always one that a `Vec<T>` allocated (or dangling with
//! `cap == 0`), so growth and freeing go through `Vec::from_raw_parts`;
//! `with_vec` lends the buffer out as a `Vec` and writes it back afterwards
//! (also when the closure unwinds).

use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut, RangeBounds};

#[repr(C)]
pub struct CVec<T> {
    ptr: *mut T,
    len: usize,
    cap: usize,
}

/// Byte offsets of the fields inside a `CVec` (from the start of the CVec).
pub const CVEC_PTR_OFFSET: usize = 0;
pub const CVEC_LEN_OFFSET: usize = std::mem::size_of::<usize>();
pub const CVEC_CAP_OFFSET: usize = 2 * std::mem::size_of::<usize>();

impl<T> CVec<T> {
    pub const fn new() -> CVec<T> {
        CVec { ptr: std::ptr::NonNull::dangling().as_ptr(), len: 0, cap: 0 }
    }

    pub fn from_vec(v: Vec<T>) -> CVec<T> {
        let mut v = ManuallyDrop::new(v);
        CVec { ptr: v.as_mut_ptr(), len: v.len(), cap: v.capacity() }
    }

    /// Takes the buffer out as a `Vec` (self becomes empty).
    pub fn take_vec(&mut self) -> Vec<T> {
        let v = std::mem::take(self);
        v.into_vec()
    }

    pub fn into_vec(self) -> Vec<T> {
        let me = ManuallyDrop::new(self);
        // SAFETY: (ptr, len, cap) always describe a Vec<T> allocation (see
        // the module comment); `me` is not dropped, so ownership moves.
        unsafe { Vec::from_raw_parts(me.ptr, me.len, me.cap) }
    }

    /// Runs `f` on the buffer as a `Vec`, then stores it back.
    #[inline]
    pub fn with_vec<R>(&mut self, f: impl FnOnce(&mut Vec<T>) -> R) -> R {
        struct Back<'a, T> {
            dst: &'a mut CVec<T>,
            v: ManuallyDrop<Vec<T>>,
        }
        impl<'a, T> Drop for Back<'a, T> {
            fn drop(&mut self) {
                self.dst.ptr = self.v.as_mut_ptr();
                self.dst.len = self.v.len();
                self.dst.cap = self.v.capacity();
            }
        }
        // SAFETY: the parts describe a Vec allocation; the guard writes the
        // (possibly reallocated) parts back before anyone reads `self` again.
        let v = unsafe { Vec::from_raw_parts(self.ptr, self.len, self.cap) };
        let mut back = Back { dst: self, v: ManuallyDrop::new(v) };
        f(&mut back.v)
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub fn capacity(&self) -> usize {
        self.cap
    }

    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }

    #[inline]
    pub fn push(&mut self, x: T) {
        if self.len < self.cap {
            // SAFETY: len < cap: the slot is allocated and uninitialised.
            unsafe { self.ptr.add(self.len).write(x) };
            self.len += 1;
        } else {
            self.with_vec(|v| v.push(x));
        }
    }

    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: the slot at the old last index is initialised; len no
        // longer covers it, so it is read exactly once.
        Some(unsafe { self.ptr.add(self.len).read() })
    }

    pub fn insert(&mut self, i: usize, x: T) {
        self.with_vec(|v| v.insert(i, x))
    }

    pub fn remove(&mut self, i: usize) -> T {
        self.with_vec(|v| v.remove(i))
    }

    pub fn reserve(&mut self, n: usize) {
        if self.cap - self.len < n {
            self.with_vec(|v| v.reserve(n))
        }
    }

    pub fn clear(&mut self) {
        self.with_vec(|v| v.clear())
    }

    pub fn truncate(&mut self, n: usize) {
        self.with_vec(|v| v.truncate(n))
    }

    pub fn retain(&mut self, f: impl FnMut(&T) -> bool) {
        self.with_vec(|v| v.retain(f))
    }

    pub fn extend<I: IntoIterator<Item = T>>(&mut self, it: I) {
        self.with_vec(|v| v.extend(it))
    }

    /// Removes `range`, returning the removed items.
    pub fn drain<B: RangeBounds<usize>>(&mut self, range: B) -> std::vec::IntoIter<T> {
        let out: Vec<T> = self.with_vec(|v| v.drain(range).collect());
        out.into_iter()
    }

    /// Replaces `range` with `with`, returning the removed items.
    pub fn splice<B: RangeBounds<usize>, I: IntoIterator<Item = T>>(
        &mut self,
        range: B,
        with: I,
    ) -> std::vec::IntoIter<T> {
        let out: Vec<T> = self.with_vec(|v| v.splice(range, with).collect());
        out.into_iter()
    }
}

impl<T: Clone> CVec<T> {
    pub fn extend_from_slice(&mut self, s: &[T]) {
        self.with_vec(|v| v.extend_from_slice(s))
    }

    pub fn resize(&mut self, n: usize, x: T) {
        self.with_vec(|v| v.resize(n, x))
    }
}

impl<T> Default for CVec<T> {
    fn default() -> CVec<T> {
        CVec::new()
    }
}

impl<T> From<Vec<T>> for CVec<T> {
    fn from(v: Vec<T>) -> CVec<T> {
        CVec::from_vec(v)
    }
}

impl<T> Drop for CVec<T> {
    fn drop(&mut self) {
        // SAFETY: the parts describe a Vec allocation owned by self.
        drop(unsafe { Vec::from_raw_parts(self.ptr, self.len, self.cap) });
    }
}

impl<T> Deref for CVec<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // SAFETY: ptr is non-null, aligned, and covers len initialised items.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl<T> DerefMut for CVec<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in deref, and &mut self gives exclusive access.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl<T> IntoIterator for CVec<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> std::vec::IntoIter<T> {
        self.into_vec().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a CVec<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> std::slice::Iter<'a, T> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvec_layout_and_ops() {
        assert_eq!(std::mem::size_of::<CVec<u64>>(), 3 * std::mem::size_of::<usize>());
        let mut c: CVec<u64> = CVec::new();
        for i in 0..100 {
            c.push(i);
        }
        assert_eq!(c.len(), 100);
        c.insert(0, 7);
        assert_eq!(c.remove(1), 0);
        assert_eq!(c[0], 7);
        let d: Vec<u64> = c.drain(0..10).collect();
        assert_eq!(d.len(), 10);
        let s: Vec<u64> = c.splice(0..2, vec![1, 2, 3]).collect();
        assert_eq!(s, vec![10, 11]);
        assert_eq!(&c[..3], &[1, 2, 3]);
        assert_eq!(c.pop(), Some(99));
        let v = c.take_vec();
        assert_eq!(v.len(), 90);
        assert!(c.is_empty());
        // SAFETY: reads the documented words of a live CVec.
        unsafe {
            let w = &c as *const CVec<u64> as *const usize;
            assert_eq!(*w.add(CVEC_LEN_OFFSET / std::mem::size_of::<usize>()), 0);
        }
    }
}
