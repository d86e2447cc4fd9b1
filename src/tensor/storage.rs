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

    /// The elements from the tensor's first one on; strides index into them.
    #[doc(hidden)]
    fn elements(&self) -> &[T];
}

/// A [`Data`] whose elements can be written: [`Storage<T>`] and `&mut [T]`.
pub trait DataMut<T>: Data<T> {
    /// The elements from the tensor's first one on, mutably.
    #[doc(hidden)]
    fn elements_mut(&mut self) -> &mut [T];
}

mod sealed {
    pub trait Sealed {}
    impl<T> Sealed for super::Storage<T> {}
    impl<T> Sealed for &[T] {}
    impl<T> Sealed for &mut [T] {}
}

impl<T> Data<T> for Storage<T> {
    const KIND: &'static str = "Tensor";
    #[inline(always)]
    fn elements(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T> DataMut<T> for Storage<T> {
    #[inline(always)]
    fn elements_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
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
