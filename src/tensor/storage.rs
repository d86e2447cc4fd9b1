//! The private storage of an owned tensor: inline for small tensors, on the heap otherwise.
//!
//! Stable Rust cannot size an array by `M * N`, so storage cannot be chosen by the static
//! shape; instead every tensor of at most [`INLINE_CAP`] elements keeps them inline (no heap
//! allocation, which matters for the 2x2..4x4 products of graphics and small-state code), and
//! larger ones use a `Vec`. The inline buffer is a plain array of a `Copy + Default` element, so
//! the storage needs no `unsafe`.

/// The largest element count kept inline (a 4x4 matrix).
pub const INLINE_CAP: usize = 16;

/// Where an owned [`Tensor`](crate::Tensor) keeps its elements: inline for at most
/// [`INLINE_CAP`] of them, on the heap otherwise. It is the default of `Tensor`'s third
/// parameter (so `Tensor<f64, S>` is the owned tensor) and is never built by users.
#[derive(Clone)]
pub struct Storage<T>(Repr<T>);

#[derive(Clone)]
enum Repr<T> {
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
            Storage(Repr::Inline { len: n, buf })
        } else {
            Storage(Repr::Heap(vec![value; n]))
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
            Storage(Repr::Inline { len: n, buf })
        } else {
            let v: Vec<T> = iter.into_iter().take(n).collect();
            debug_assert_eq!(v.len(), n);
            Storage(Repr::Heap(v))
        }
    }

    /// Takes the vector, moving small data inline.
    #[inline]
    pub(crate) fn from_vec(v: Vec<T>) -> Self {
        if v.len() <= INLINE_CAP {
            let mut buf = [T::default(); INLINE_CAP];
            buf[..v.len()].copy_from_slice(&v);
            Storage(Repr::Inline { len: v.len(), buf })
        } else {
            Storage(Repr::Heap(v))
        }
    }

    /// Takes the vector as the storage of exactly `n` elements (`v.len() == n`, checked in
    /// debug builds): the choice between inline and heap is made on `n`, a constant for a
    /// static shape, and nothing here can panic.
    #[inline]
    pub(crate) fn from_vec_of(n: usize, v: Vec<T>) -> Self {
        debug_assert_eq!(v.len(), n, "a result of the wrong length");
        if n <= INLINE_CAP {
            let mut buf = [T::default(); INLINE_CAP];
            for (slot, &x) in buf.iter_mut().zip(&v) {
                *slot = x;
            }
            Storage(Repr::Inline { len: n, buf })
        } else {
            Storage(Repr::Heap(v))
        }
    }

    #[inline]
    pub(crate) fn into_vec(self) -> Vec<T> {
        match self.0 {
            Repr::Inline { len, buf } => buf[..len].to_vec(),
            Repr::Heap(v) => v,
        }
    }
}

impl<T> Storage<T> {
    #[inline(always)]
    pub(crate) fn as_slice(&self) -> &[T] {
        match &self.0 {
            Repr::Inline { len, buf } => &buf[..*len],
            Repr::Heap(v) => v,
        }
    }

    #[inline(always)]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        match &mut self.0 {
            Repr::Inline { len, buf } => &mut buf[..*len],
            Repr::Heap(v) => v,
        }
    }

    /// The elements of a storage known to hold exactly `n` of them (a static shape's count):
    /// a slice of the constant length `n`, and for `n <= INLINE_CAP` always of the inline
    /// buffer (storage of at most [`INLINE_CAP`] elements is inline, and larger storage on
    /// the heap, by construction). With `n` a constant the representation is then known at
    /// compile time, so a small static tensor local to a loop can live in registers.
    #[inline(always)]
    pub(crate) fn as_slice_of(&self, n: usize) -> &[T] {
        match (&self.0, n <= INLINE_CAP) {
            (Repr::Inline { buf, .. }, true) => &buf[..n],
            (Repr::Heap(v), false) => &v[..n],
            _ => representation_broken(n),
        }
    }

    /// [`as_slice_of`](Storage::as_slice_of), mutably.
    #[inline(always)]
    pub(crate) fn as_mut_slice_of(&mut self, n: usize) -> &mut [T] {
        match (&mut self.0, n <= INLINE_CAP) {
            (Repr::Inline { buf, .. }, true) => &mut buf[..n],
            (Repr::Heap(v), false) => &mut v[..n],
            _ => representation_broken(n),
        }
    }

    /// Whether the elements live inline (no heap allocation).
    #[inline]
    pub(crate) fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
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
