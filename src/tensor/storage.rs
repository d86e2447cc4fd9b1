//! The private storage of an owned tensor: inline for small tensors, on the heap otherwise.
//!
//! Stable Rust cannot size an array by `M * N`, so storage cannot be chosen by the static
//! shape; instead every tensor of at most [`INLINE_CAP`] elements keeps them inline (no heap
//! allocation, which matters for the 2x2..4x4 products of graphics and small-state code), and
//! larger ones use a `Vec`. Two things make a small static tensor as cheap as a plain array
//! (issue 18 measured both on chains of 2 x 2 products, where each cost about a third of a
//! product):
//! - only the first `len` slots of the inline buffer are written: a 2 x 2 product does not
//!   store twelve unused zeros each time it makes a tensor;
//! - one comparison of `len` tells both where the elements are and that there are enough of
//!   them, so reading a static tensor checks one word, not a tag and then a length.
//!
//! The buffer and the vector share memory (a `union`, as in a small-vector), and `len` says
//! which one is there; that, and reading only written slots, is the storage's `unsafe`, all of
//! it in this file.

use core::mem::{ManuallyDrop, MaybeUninit};

/// The largest element count kept inline (a 4x4 matrix).
pub const INLINE_CAP: usize = 16;

/// The `len` of a storage on the heap (the vector keeps its own length).
const HEAP: usize = usize::MAX;

/// Where an owned [`Tensor`](crate::Tensor) keeps its elements: inline for at most
/// [`INLINE_CAP`] of them, on the heap otherwise. It is the default of `Tensor`'s third
/// parameter (so `Tensor<f64, S>` is the owned tensor) and is never built by users.
pub struct Storage<T> {
    /// At most [`INLINE_CAP`]: the elements are the first `len` slots of `slots.inline`, all
    /// initialised. [`HEAP`]: they are `slots.heap`. Set by [`Storage::inline`] and
    /// [`Storage::heap`] only, never changed afterwards.
    len: usize,
    slots: Slots<T>,
}

union Slots<T> {
    inline: ManuallyDrop<[MaybeUninit<T>; INLINE_CAP]>,
    heap: ManuallyDrop<Vec<T>>,
}

// `Send` and `Sync`, derived by the compiler from the fields: a storage owns either `T`s
// inline or a `Vec<T>`, so it is `Send` / `Sync` exactly when `T` is, which is what the
// union's fields give.

impl<T> Drop for Storage<T> {
    #[inline]
    fn drop(&mut self) {
        if self.len == HEAP {
            // SAFETY: `len == HEAP` says the vector is the live field, and it is dropped once:
            // here, as the storage goes away. The inline slots need no drop (`MaybeUninit`;
            // the constructors of inline storage take `Copy` elements).
            unsafe { ManuallyDrop::drop(&mut self.slots.heap) }
        }
    }
}

impl<T: Clone> Clone for Storage<T> {
    #[inline]
    fn clone(&self) -> Self {
        if self.len == HEAP {
            // SAFETY: `len == HEAP` says the vector is the live field.
            Storage::heap(unsafe { (*self.slots.heap).clone() })
        } else {
            let mut copy = [const { MaybeUninit::uninit() }; INLINE_CAP];
            for (slot, x) in copy.iter_mut().zip(self.as_slice()) {
                slot.write(x.clone());
            }
            Storage {
                len: self.len,
                slots: Slots {
                    inline: ManuallyDrop::new(copy),
                },
            }
        }
    }
}

/// The first `len` slots of an inline buffer, as elements.
///
/// # Safety
/// The first `len` slots are initialised.
#[inline(always)]
unsafe fn written<T>(buf: &[MaybeUninit<T>; INLINE_CAP], len: usize) -> &[T] {
    let slots = &buf[..len];
    // SAFETY: the slots are initialised (the caller's contract) and `MaybeUninit<T>` has the
    // size, alignment and layout of `T`, so the slice of slots is a slice of valid `T`s.
    unsafe { &*(slots as *const [MaybeUninit<T>] as *const [T]) }
}

/// [`written`], mutably. Writing through the slice keeps the slots initialised.
///
/// # Safety
/// The first `len` slots are initialised.
#[inline(always)]
unsafe fn written_mut<T>(buf: &mut [MaybeUninit<T>; INLINE_CAP], len: usize) -> &mut [T] {
    let slots = &mut buf[..len];
    // SAFETY: as in `written`; the slice borrows `buf` mutably and a `&mut [T]` can only store
    // valid `T`s into the slots.
    unsafe { &mut *(slots as *mut [MaybeUninit<T>] as *mut [T]) }
}

impl<T> Storage<T> {
    /// The storage of a vector on the heap (of any length: the accessors check it).
    #[inline]
    fn heap(v: Vec<T>) -> Self {
        Storage {
            len: HEAP,
            slots: Slots {
                heap: ManuallyDrop::new(v),
            },
        }
    }
}

impl<T: Copy + Default> Storage<T> {
    /// An inline storage of `n <= INLINE_CAP` elements: the first `n` items of `items`, and
    /// `T::default()` in the slots it leaves (none, when it yields `n`, which the optimiser
    /// sees for the library's sources). Each written slot is written once; the slots past
    /// `n` never are.
    #[inline(always)]
    fn inline(n: usize, items: impl IntoIterator<Item = T>) -> Self {
        let mut buf = [MaybeUninit::uninit(); INLINE_CAP];
        let mut k = 0;
        for (slot, x) in buf[..n].iter_mut().zip(items) {
            slot.write(x);
            k += 1;
        }
        for slot in buf[..n].iter_mut().skip(k) {
            slot.write(T::default());
        }
        Storage {
            len: n,
            slots: Slots {
                inline: ManuallyDrop::new(buf),
            },
        }
    }

    /// `n` copies of `value`.
    #[inline]
    pub(crate) fn filled(n: usize, value: T) -> Self {
        if n <= INLINE_CAP {
            Self::inline(n, core::iter::repeat(value))
        } else {
            Self::heap(vec![value; n])
        }
    }

    /// The first `n` items of `iter` (which must yield at least `n`; slots it leaves hold
    /// `T::default()`).
    #[inline]
    pub(crate) fn from_iter_exact(n: usize, iter: impl IntoIterator<Item = T>) -> Self {
        if n <= INLINE_CAP {
            let mut k = 0;
            let s = Self::inline(n, iter.into_iter().inspect(|_| k += 1));
            debug_assert_eq!(k, n);
            s
        } else {
            let v: Vec<T> = iter.into_iter().take(n).collect();
            debug_assert_eq!(v.len(), n);
            Self::heap(v)
        }
    }

    /// Takes the vector, moving small data inline.
    #[inline]
    pub(crate) fn from_vec(v: Vec<T>) -> Self {
        if v.len() <= INLINE_CAP {
            Self::inline(v.len(), v.iter().copied())
        } else {
            Self::heap(v)
        }
    }

    /// Takes the vector as the storage of exactly `n` elements (`v.len() == n`, checked in
    /// debug builds; a shorter vector leaves `T::default()` in the inline slots it lacks, and
    /// a heap storage of the wrong length is refused by the accessors): the choice between
    /// inline and heap is made on `n`, a constant for a static shape, and nothing here can
    /// panic.
    #[inline]
    pub(crate) fn from_vec_of(n: usize, v: Vec<T>) -> Self {
        debug_assert_eq!(v.len(), n, "a result of the wrong length");
        if n <= INLINE_CAP {
            Self::inline(n, v.iter().copied())
        } else {
            Self::heap(v)
        }
    }

    #[inline]
    pub(crate) fn into_vec(self) -> Vec<T> {
        if self.len == HEAP {
            let mut me = ManuallyDrop::new(self);
            // SAFETY: `len == HEAP` says the vector is the live field; `me` is never dropped,
            // so the vector taken out is owned once.
            unsafe { ManuallyDrop::take(&mut me.slots.heap) }
        } else {
            self.as_slice().to_vec()
        }
    }
}

impl<T> Storage<T> {
    #[inline(always)]
    pub(crate) fn as_slice(&self) -> &[T] {
        if self.len == HEAP {
            // SAFETY: `len == HEAP` says the vector is the live field.
            unsafe { &self.slots.heap }
        } else {
            // SAFETY: otherwise `len <= INLINE_CAP` and the first `len` inline slots are
            // initialised (the invariant of `len`).
            unsafe { written(&self.slots.inline, self.len) }
        }
    }

    #[inline(always)]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        if self.len == HEAP {
            // SAFETY: as in `as_slice`.
            unsafe { &mut self.slots.heap }
        } else {
            // SAFETY: as in `as_slice`.
            unsafe { written_mut(&mut self.slots.inline, self.len) }
        }
    }

    /// The elements of a storage known to hold exactly `n` of them (a static shape's count):
    /// a slice of the constant length `n`, and for `n <= INLINE_CAP` always of the inline
    /// buffer (storage of at most [`INLINE_CAP`] elements is inline, and larger storage on
    /// the heap, by construction). With `n` a constant the representation is then known at
    /// compile time, so a small static tensor local to a loop can live in registers, and the
    /// one check is a single comparison of `len` (`n <= len <= INLINE_CAP`).
    #[inline(always)]
    pub(crate) fn as_slice_of(&self, n: usize) -> &[T] {
        if n <= INLINE_CAP {
            if self.len.wrapping_sub(n) <= INLINE_CAP - n {
                // SAFETY: `n <= len <= INLINE_CAP` (the test above), so the storage is inline
                // and its first `n` slots are initialised.
                return unsafe { written(&self.slots.inline, n) };
            }
        } else if self.len == HEAP {
            // SAFETY: `len == HEAP` says the vector is the live field.
            return unsafe { &(*self.slots.heap)[..n] };
        }
        representation_broken(n)
    }

    /// [`as_slice_of`](Storage::as_slice_of), mutably.
    #[inline(always)]
    pub(crate) fn as_mut_slice_of(&mut self, n: usize) -> &mut [T] {
        if n <= INLINE_CAP {
            if self.len.wrapping_sub(n) <= INLINE_CAP - n {
                // SAFETY: as in `as_slice_of`.
                return unsafe { written_mut(&mut self.slots.inline, n) };
            }
        } else if self.len == HEAP {
            // SAFETY: as in `as_slice_of`.
            return unsafe { &mut (*self.slots.heap)[..n] };
        }
        representation_broken(n)
    }

    /// Whether the elements live inline (no heap allocation).
    #[inline]
    pub(crate) fn is_inline(&self) -> bool {
        self.len != HEAP
    }
}

/// What holds a [`Tensor`](crate::Tensor)'s elements, its third type parameter: [`Storage<T>`]
/// for an owned tensor (the default), `&[T]` for a [`TensorView`](crate::TensorView) and
/// `&mut [T]` for a [`TensorViewMut`](crate::TensorViewMut). The methods every tensor has are
/// written once, for every `D: Data<T>`; the trait is sealed.
///
/// ```
/// use shaped::{Data, Tensor, Shape, Scalar};
/// // One function for owned tensors and views alike:
/// fn total<T: Scalar, S: Shape, D: Data<T>>(x: &Tensor<T, S, D>) -> T {
///     x.view().iter().fold(T::ZERO, |a, &b| a + b)
/// }
/// let a = shaped::tensor![[1, 2], [3, 4]];
/// assert_eq!(total(&a), 10);
/// assert_eq!(total(&a.t()), 10);
/// ```
pub trait Data<T>: sealed::Sealed {
    /// The name `Debug` prints: `Tensor`, `TensorView` or `TensorViewMut`.
    #[doc(hidden)]
    const KIND: &'static str;

    /// Whether every tensor over this data is contiguous and row-major (owned storage): its
    /// strides then follow from its shape, constants when the shape is static.
    #[doc(hidden)]
    const ROW_MAJOR: bool = false;

    /// The elements from the tensor's first one on; strides index into them.
    #[doc(hidden)]
    fn elements(&self) -> &[T];

    /// [`elements`](Data::elements) of a tensor whose shape has `static_numel` elements
    /// when it is static: owned storage then returns a slice of that constant length, so
    /// that the bounds checks of a static shape's loops fold away.
    #[doc(hidden)]
    #[inline(always)]
    fn elements_of(&self, static_numel: Option<usize>) -> &[T] {
        let _ = static_numel;
        self.elements()
    }
}

/// A [`Data`] whose elements can be written: [`Storage<T>`] and `&mut [T]`.
pub trait DataMut<T>: Data<T> {
    /// The elements from the tensor's first one on, mutably.
    #[doc(hidden)]
    fn elements_mut(&mut self) -> &mut [T];

    /// [`elements_mut`](DataMut::elements_mut) with the static element count, as
    /// [`Data::elements_of`].
    #[doc(hidden)]
    #[inline(always)]
    fn elements_mut_of(&mut self, static_numel: Option<usize>) -> &mut [T] {
        let _ = static_numel;
        self.elements_mut()
    }
}

mod sealed {
    pub trait Sealed {}
    impl<T> Sealed for super::Storage<T> {}
    impl<T> Sealed for &[T] {}
    impl<T> Sealed for &mut [T] {}
}

impl<T> Data<T> for Storage<T> {
    const KIND: &'static str = "Tensor";
    const ROW_MAJOR: bool = true;
    #[inline(always)]
    fn elements(&self) -> &[T] {
        self.as_slice()
    }
    #[inline(always)]
    fn elements_of(&self, static_numel: Option<usize>) -> &[T] {
        match static_numel {
            Some(n) => self.as_slice_of(n),
            None => self.as_slice(),
        }
    }
}

impl<T> DataMut<T> for Storage<T> {
    #[inline(always)]
    fn elements_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
    #[inline(always)]
    fn elements_mut_of(&mut self, static_numel: Option<usize>) -> &mut [T] {
        match static_numel {
            Some(n) => self.as_mut_slice_of(n),
            None => self.as_mut_slice(),
        }
    }
}

impl<T> Data<T> for &[T] {
    const KIND: &'static str = "TensorView";
    #[inline(always)]
    fn elements(&self) -> &[T] {
        self
    }
}

impl<T> Data<T> for &mut [T] {
    const KIND: &'static str = "TensorViewMut";
    #[inline(always)]
    fn elements(&self) -> &[T] {
        self
    }
}

impl<T> DataMut<T> for &mut [T] {
    #[inline(always)]
    fn elements_mut(&mut self) -> &mut [T] {
        self
    }
}

/// The panic of a storage whose representation disagrees with its length (a bug of the
/// library: [`Storage`]'s constructors keep at most [`INLINE_CAP`] elements inline and more on
/// the heap).
#[cold]
#[inline(never)]
fn representation_broken(n: usize) -> ! {
    panic!("shaped: storage of {n} elements in the wrong representation (a bug of the library)")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every constructor at the edges of the inline buffer (0, 1, INLINE_CAP) and just past it,
    /// read back through each accessor, cloned and turned into a vector: the reads of the
    /// written slots are the storage's `unsafe`, so this is the test to run under valgrind.
    #[test]
    fn constructors_read_back_at_the_edges() {
        for n in [
            0,
            1,
            2,
            3,
            4,
            9,
            INLINE_CAP - 1,
            INLINE_CAP,
            INLINE_CAP + 1,
            40,
        ] {
            let want: Vec<f64> = (0..n).map(|i| i as f64 * 1.5 - 2.0).collect();
            let built = [
                Storage::from_vec(want.clone()),
                Storage::from_vec_of(n, want.clone()),
                Storage::from_iter_exact(n, want.iter().copied()),
            ];
            for mut s in built {
                assert_eq!(s.is_inline(), n <= INLINE_CAP, "n = {n}");
                assert_eq!(s.as_slice(), &want[..]);
                assert_eq!(s.as_slice_of(n), &want[..]);
                let copy = s.clone();
                s.as_mut_slice_of(n).iter_mut().for_each(|x| *x += 1.0);
                assert_eq!(copy.as_slice(), &want[..], "the clone is its own buffer");
                let bumped: Vec<f64> = want.iter().map(|x| x + 1.0).collect();
                assert_eq!(s.as_mut_slice(), &bumped[..]);
                assert_eq!(s.into_vec(), bumped);
                assert_eq!(copy.into_vec(), want);
            }
            let f = Storage::filled(n, 7u8);
            assert_eq!(f.as_slice(), &vec![7u8; n][..]);
        }
    }

    /// A shorter iterator than promised leaves defaults, never unwritten slots (debug builds
    /// assert on it, so this runs in release only).
    #[test]
    #[cfg(not(debug_assertions))]
    fn a_short_source_leaves_defaults() {
        let s = Storage::from_iter_exact(4, [1i32, 2]);
        assert_eq!(s.as_slice_of(4), &[1, 2, 0, 0]);
        let s = Storage::from_vec_of(3, vec![5i64]);
        assert_eq!(s.as_slice(), &[5, 0, 0]);
    }

    /// A static count that disagrees with the storage is refused, not read past what was
    /// written.
    #[test]
    #[should_panic(expected = "wrong representation")]
    fn a_count_past_the_written_slots_panics() {
        let s = Storage::from_vec(vec![1.0f32, 2.0]);
        let _ = s.as_slice_of(3);
    }
}
