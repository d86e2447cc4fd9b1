//! The private storage of an owned tensor: inline for small tensors, on the heap otherwise.
//!
//! Stable Rust cannot size an array by `M * N`, so storage cannot be chosen by the static
//! shape; instead every tensor of at most [`INLINE_CAP`] elements keeps them inline (no heap
//! allocation, which matters for the 2x2..4x4 products of graphics and small-state code), and
//! larger ones use a `Vec`. The inline buffer is a plain array of a `Copy + Default` element, so
//! the storage needs no `unsafe`.

/// The largest element count kept inline (a 4x4 matrix).
pub const INLINE_CAP: usize = 16;

#[derive(Clone)]
pub(crate) enum Storage<T> {
    Inline { len: usize, buf: [T; INLINE_CAP] },
    Heap(Vec<T>),
}

impl<T: Copy + Default> Storage<T> {
    /// `n` copies of `value`.
    #[inline]
    pub(crate) fn filled(n: usize, value: T) -> Self {
        if n <= INLINE_CAP {
            let mut buf = [T::default(); INLINE_CAP];
            buf[..n].fill(value);
            Storage::Inline { len: n, buf }
        } else {
            Storage::Heap(vec![value; n])
        }
    }

    /// The first `n` items of `iter` (which must yield at least `n`).
    #[inline]
    pub(crate) fn from_iter_exact(n: usize, iter: impl IntoIterator<Item = T>) -> Self {
        if n <= INLINE_CAP {
            let mut buf = [T::default(); INLINE_CAP];
            let mut k = 0;
            for (slot, v) in buf[..n].iter_mut().zip(iter) {
                *slot = v;
                k += 1;
            }
            debug_assert_eq!(k, n);
            Storage::Inline { len: n, buf }
        } else {
            let v: Vec<T> = iter.into_iter().take(n).collect();
            debug_assert_eq!(v.len(), n);
            Storage::Heap(v)
        }
    }

    /// Takes the vector, moving small data inline.
    #[inline]
    pub(crate) fn from_vec(v: Vec<T>) -> Self {
        if v.len() <= INLINE_CAP {
            let mut buf = [T::default(); INLINE_CAP];
            buf[..v.len()].copy_from_slice(&v);
            Storage::Inline { len: v.len(), buf }
        } else {
            Storage::Heap(v)
        }
    }

    #[inline]
    pub(crate) fn into_vec(self) -> Vec<T> {
        match self {
            Storage::Inline { len, buf } => buf[..len].to_vec(),
            Storage::Heap(v) => v,
        }
    }
}

impl<T> Storage<T> {
    #[inline(always)]
    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            Storage::Inline { len, buf } => &buf[..*len],
            Storage::Heap(v) => v,
        }
    }

    #[inline(always)]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        match self {
            Storage::Inline { len, buf } => &mut buf[..*len],
            Storage::Heap(v) => v,
        }
    }

    /// Whether the elements live inline (no heap allocation).
    #[inline]
    pub(crate) fn is_inline(&self) -> bool {
        matches!(self, Storage::Inline { .. })
    }
}
