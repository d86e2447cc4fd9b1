//! Borrowed, strided views: [`TensorView`], [`TensorViewMut`], the [`AsView`] trait that lets
//! every operation take owned tensors and views alike, and the zero-copy layout changes
//! (`t`, `permute`, `slice_axis`, `select`, `narrow`).

use core::ops::Range;

use super::Tensor;
use super::access::Iter;
use super::storage::{Data, DataMut, Storage};
use crate::dim::{AnyDim, Const, Dyn};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Number;
use crate::shape::{HasAxis, RemoveAxis, ReplaceAxis, Shape, fmt_dims};

/// A borrowed view of a tensor with any strides (in elements, non-negative): a [`Tensor`]
/// whose elements are held by `&'a [T]`, so every operation of `Tensor` is a method of the
/// view too. Compile errors print it as `Tensor<T, S, &[T]>`.
///
/// Views are cheap to copy. `.t()`, `permute`, `slice_axis`, `select` and `narrow` return
/// views that share the data; `to_tensor()` copies into an owned, contiguous tensor.
///
/// ```
/// use shaped::{Matrix, tensor};
/// let a: Matrix<i32, 2, 3> = tensor![[1, 2, 3], [4, 5, 6]];
/// let at = a.t(); // (3, 2), no copy
/// assert_eq!(at.dims(), [3, 2]);
/// assert_eq!(at[[2, 1]], 6);
/// assert_eq!(at.to_tensor().as_slice(), &[1, 4, 2, 5, 3, 6]);
/// ```
pub type TensorView<'a, T, S> = Tensor<T, S, &'a [T]>;

/// A mutable borrowed view of a tensor with any strides: a [`Tensor`] whose elements are held
/// by `&'a mut [T]` (printed `Tensor<T, S, &mut [T]>` in compile errors).
///
/// ```
/// use shaped::{Matrix, tensor};
/// let mut a: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
/// let mut col = a.view_mut().select_mut::<1>(0); // the first column
/// col[[1]] = 30;
/// assert_eq!(a.as_slice(), &[1, 2, 30, 4]);
/// ```
pub type TensorViewMut<'a, T, S> = Tensor<T, S, &'a mut [T]>;

impl<T, S: Shape> Clone for TensorView<'_, T, S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T, S: Shape> Copy for TensorView<'_, T, S> {}

/// Borrows as a [`TensorView`] of shape `S`: implemented by [`Tensor`], [`TensorView`],
/// [`TensorViewMut`] and references to them, so that every operation takes all of them.
///
/// ```
/// use shaped::{AsView, Const, Matrix, tensor};
/// fn trace<A: AsView<f64, (Const<2>, Const<2>)>>(a: A) -> f64 {
///     let v = a.view();
///     v[[0, 0]] + v[[1, 1]]
/// }
/// let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
/// assert_eq!(trace(&m), 5.0);
/// assert_eq!(trace(m.t()), 5.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tensor or view of `{T}` elements and shape `{S}`",
    label = "expected a tensor or view of shape `{S}` here",
    note = "a generic dim `B: Dim` is the same dim only as itself: give the other operand the dim `B` (check its size at run time with `try_into_shape::<(B, ..)>()`), or use `Dyn`"
)]
pub trait AsView<T, S: Shape> {
    /// A view of the whole tensor.
    fn view(&self) -> TensorView<'_, T, S>;
}

/// Borrows as a [`TensorViewMut`] of shape `S`.
///
/// ```
/// use shaped::{AsViewMut, Vector};
/// let mut v = Vector::<f32, 3>::zeros();
/// v.view_mut()[[1]] = 2.0;
/// assert_eq!(v.as_slice(), &[0.0, 2.0, 0.0]);
/// ```
pub trait AsViewMut<T, S: Shape>: AsView<T, S> {
    /// A mutable view of the whole tensor.
    fn view_mut(&mut self) -> TensorViewMut<'_, T, S>;
}

impl<T, S: Shape, D: Data<T>> AsView<T, S> for Tensor<T, S, D> {
    #[inline(always)]
    fn view(&self) -> TensorView<'_, T, S> {
        let data = self.data.elements_of(S::STATIC_NUMEL);
        Tensor::from_parts(data, self.shape, self.strides())
    }
}

impl<T, S: Shape, D: DataMut<T>> AsViewMut<T, S> for Tensor<T, S, D> {
    #[inline(always)]
    fn view_mut(&mut self) -> TensorViewMut<'_, T, S> {
        let strides = self.strides();
        Tensor::from_parts(
            self.data.elements_mut_of(S::STATIC_NUMEL),
            self.shape,
            strides,
        )
    }
}

impl<T, S: Shape, A: AsView<T, S> + ?Sized> AsView<T, S> for &A {
    #[inline]
    fn view(&self) -> TensorView<'_, T, S> {
        (**self).view()
    }
}

impl<T, S: Shape, A: AsView<T, S> + ?Sized> AsView<T, S> for &mut A {
    #[inline]
    fn view(&self) -> TensorView<'_, T, S> {
        (**self).view()
    }
}

impl<T, S: Shape, A: AsViewMut<T, S> + ?Sized> AsViewMut<T, S> for &mut A {
    #[inline]
    fn view_mut(&mut self) -> TensorViewMut<'_, T, S> {
        (**self).view_mut()
    }
}

// ---------------------------------------------------------------------------------------------
// Layout arithmetic: plain functions over sizes and strides, shared by both view kinds.

/// The largest offset a valid index reaches, or `None` for an empty layout or on overflow
/// (`Some(Err(()))`).
fn max_offset(dims: &[usize], strides: &[usize]) -> Result<Option<usize>, ()> {
    if dims.contains(&0) {
        return Ok(None);
    }
    let mut off: usize = 0;
    for (&d, &s) in dims.iter().zip(strides) {
        off = (d - 1)
            .checked_mul(s)
            .and_then(|x| off.checked_add(x))
            .ok_or(())?;
    }
    Ok(Some(off))
}

fn check_layout(
    op: &'static str,
    len: usize,
    dims: &[usize],
    strides: &[usize],
) -> Result<(), ShapeError> {
    if strides.len() != dims.len() {
        return Err(ShapeError::new(
            op,
            dims,
            format!(
                "{} strides given for a shape of rank {}",
                strides.len(),
                dims.len()
            ),
        ));
    }
    match max_offset(dims, strides) {
        Ok(Some(m)) if m >= len => Err(ShapeError::new(
            op,
            dims,
            format!(
                "shape {} with strides {:?} reaches element {} but the data has {}",
                fmt_dims(dims),
                strides,
                m,
                len
            ),
        )),
        Err(()) => Err(ShapeError::new(op, dims, "the strides overflow usize")),
        _ => Ok(()),
    }
}

/// Copies `src` into a fresh `[usize; RANK]` of another shape type of the same rank.
#[inline]
fn index_of<S: Shape>(src: &[usize]) -> S::Index {
    let mut out = S::Index::default();
    out.as_mut().copy_from_slice(src);
    out
}

/// The typed shape for sizes that are known to fit it (the type operations guarantee it).
#[inline]
fn shape_of<S: Shape>(dims: &[usize]) -> S {
    S::try_from_dims(dims).expect("layout change produced sizes its shape type cannot hold")
}

/// The offset of `idx`, or `None` when an index is out of range.
///
/// A plain counted loop, always inlined: indexing is the inner loop of much user code, and
/// a caller built with optimisations must not call into an unoptimised copy of it (or of the
/// iterator adapters it would use) compiled with the library.
#[inline(always)]
pub(crate) fn offset_of(dims: &[usize], strides: &[usize], idx: &[usize]) -> Option<usize> {
    let mut off = 0;
    let mut k = 0;
    while k < idx.len() && k < dims.len() && k < strides.len() {
        if idx[k] >= dims[k] {
            return None;
        }
        off += idx[k] * strides[k];
        k += 1;
    }
    Some(off)
}

#[track_caller]
pub(crate) fn index_panic(idx: &[usize], dims: &[usize]) -> ! {
    panic!(
        "index {:?} is out of bounds for a tensor of shape {}",
        idx,
        fmt_dims(dims)
    )
}

/// What a layout change does: new sizes and strides, and the offset of the new first element.
struct Relayout {
    dims: Vec<usize>,
    strides: Vec<usize>,
    offset: usize,
}

fn relayout_permute(dims: &[usize], strides: &[usize], axes: &[usize]) -> Relayout {
    Relayout {
        dims: axes.iter().map(|&a| dims[a]).collect(),
        strides: axes.iter().map(|&a| strides[a]).collect(),
        offset: 0,
    }
}

#[track_caller]
fn relayout_slice(
    op: &'static str,
    dims: &[usize],
    strides: &[usize],
    axis: usize,
    range: Range<usize>,
) -> Result<Relayout, ShapeError> {
    if range.start > range.end || range.end > dims[axis] {
        return Err(ShapeError::new(
            op,
            dims,
            format!(
                "range {}..{} is out of bounds for axis {} of size {} (shape {})",
                range.start,
                range.end,
                axis,
                dims[axis],
                fmt_dims(dims)
            ),
        ));
    }
    let mut d = dims.to_vec();
    d[axis] = range.end - range.start;
    let offset = if d.contains(&0) {
        0
    } else {
        range.start * strides[axis]
    };
    Ok(Relayout {
        dims: d,
        strides: strides.to_vec(),
        offset,
    })
}

fn relayout_select(
    op: &'static str,
    dims: &[usize],
    strides: &[usize],
    axis: usize,
    i: usize,
) -> Result<Relayout, ShapeError> {
    if i >= dims[axis] {
        return Err(ShapeError::new(
            op,
            dims,
            format!(
                "index {} is out of bounds for axis {} of size {} (shape {})",
                i,
                axis,
                dims[axis],
                fmt_dims(dims)
            ),
        ));
    }
    let mut d = dims.to_vec();
    let mut s = strides.to_vec();
    d.remove(axis);
    s.remove(axis);
    let offset = if d.contains(&0) { 0 } else { i * strides[axis] };
    Ok(Relayout {
        dims: d,
        strides: s,
        offset,
    })
}

// ---------------------------------------------------------------------------------------------
// Permutations of axes.

/// A permutation of axes given as a type: `Axes3<2, 0, 1>` makes output axis `i` the input
/// axis `P[i]` (numpy's `transpose(x, axes)`).
///
/// ```
/// use shaped::{Axes3, Permutation};
/// assert_eq!(<Axes3<2, 0, 1> as Permutation>::AXES, &[2, 0, 1]);
/// ```
pub trait Permutation {
    /// The axes in output order.
    const AXES: &'static [usize];
    /// Whether `AXES` names each of `0..AXES.len()` exactly once.
    const IS_PERMUTATION: bool = is_permutation(Self::AXES);
}

const fn is_permutation(axes: &[usize]) -> bool {
    let mut seen = [false; 6];
    let mut k = 0;
    while k < axes.len() {
        if axes[k] >= axes.len() || seen[axes[k]] {
            return false;
        }
        seen[axes[k]] = true;
        k += 1;
    }
    true
}

/// The shape of a tensor of shape `Self` permuted by `P`.
#[diagnostic::on_unimplemented(
    message = "cannot permute a tensor of shape `{Self}` by `{P}`",
    label = "`{P}` does not fit this shape",
    note = "give one axis index per axis, each below the rank: `Axes3<2, 0, 1>` for a tensor of rank 3"
)]
pub trait PermuteShape<P: Permutation>: Shape {
    /// The permuted shape.
    type Out: Shape;
}

macro_rules! axes_types {
    ($($(#[$doc:meta])* $name:ident<$($a:ident),*> for ($($d:ident),*);)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name<$(const $a: usize),*>;

        impl<$(const $a: usize),*> Permutation for $name<$($a),*> {
            const AXES: &'static [usize] = &[$($a),*];
        }

        #[diagnostic::do_not_recommend]
        impl<$($d: AnyDim,)* $(const $a: usize),*> PermuteShape<$name<$($a),*>> for ($($d,)*)
        where
            $(Self: HasAxis<$a>,)*
        {
            type Out = ($(<Self as HasAxis<$a>>::Dim,)*);
        }
    )*};
}

axes_types! {
    /// A permutation of 1 axis (the identity).
    Axes1<A> for (D0);
    /// A permutation of 2 axes: `Axes2<1, 0>` transposes.
    Axes2<A, B> for (D0, D1);
    /// A permutation of 3 axes: `Axes3<0, 2, 1>` swaps the last two.
    Axes3<A, B, C> for (D0, D1, D2);
    /// A permutation of 4 axes.
    Axes4<A, B, C, D> for (D0, D1, D2, D3);
    /// A permutation of 5 axes.
    Axes5<A, B, C, D, E> for (D0, D1, D2, D3, D4);
    /// A permutation of 6 axes.
    Axes6<A, B, C, D, E, F> for (D0, D1, D2, D3, D4, D5);
}

// ---------------------------------------------------------------------------------------------
// TensorView.

impl<'a, T, S: Shape> TensorView<'a, T, S> {
    /// A row-major view of `data` with the given shape.
    ///
    /// # Errors
    /// [`ShapeError`] when `data.len()` differs from the element count of `shape`, or when
    /// that count overflows `usize`.
    ///
    /// ```
    /// use shaped::{Const, TensorView};
    /// let data = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    /// let v = TensorView::from_slice(&data, (Const::<2>, Const::<3>))?;
    /// assert_eq!(v[[1, 0]], 4.0);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_slice(data: &'a [T], shape: S) -> Result<Self, ShapeError> {
        let n = super::checked_numel("TensorView::from_slice", shape.dims().as_ref())?;
        if data.len() != n {
            return Err(ShapeError::new(
                "TensorView::from_slice",
                shape.dims().as_ref(),
                format!(
                    "shape {} holds {n} elements but the slice has {}",
                    fmt_dims(shape.dims().as_ref()),
                    data.len()
                ),
            ));
        }
        Ok(Tensor::from_parts(data, shape, shape.row_major_strides()))
    }

    /// A view of `data` with the given shape and strides (in elements).
    ///
    /// # Errors
    /// [`ShapeError`] when some index of the shape would reach past the end of `data`.
    ///
    /// ```
    /// use shaped::{Const, TensorView};
    /// let data = [1, 2, 3, 4, 5, 6];
    /// // a column-major 3x2 view of the same six numbers
    /// let v = TensorView::from_slice_strided(&data, (Const::<3>, Const::<2>), [1, 3])?;
    /// assert_eq!(v[[0, 1]], 4);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_slice_strided(
        data: &'a [T],
        shape: S,
        strides: S::Index,
    ) -> Result<Self, ShapeError> {
        check_layout(
            "TensorView::from_slice_strided",
            data.len(),
            shape.dims().as_ref(),
            strides.as_ref(),
        )?;
        Ok(Tensor::from_parts(data, shape, strides))
    }

    fn apply<S2: Shape>(self, r: Relayout) -> TensorView<'a, T, S2> {
        Tensor::from_parts(
            &self.data[r.offset.min(self.data.len())..],
            shape_of(&r.dims),
            index_of::<S2>(&r.strides),
        )
    }

    /// The data from the view's first element on (internal: kernels index it with the
    /// strides).
    #[inline(always)]
    pub(crate) fn raw_data(&self) -> &'a [T] {
        self.data
    }

    /// Whether the view is contiguous and row-major (then `as_slice` returns its elements).
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// let a = Matrix::<f32, 2, 3>::zeros();
    /// assert!(a.view().is_standard_layout());
    /// assert!(!a.t().is_standard_layout());
    /// ```
    pub fn is_standard_layout(&self) -> bool {
        let dims = self.dims();
        if dims.as_ref().contains(&0) {
            return true;
        }
        let mut expect = 1;
        for (&d, &s) in dims.as_ref().iter().zip(self.strides.as_ref()).rev() {
            if d != 1 && s != expect {
                return false;
            }
            expect *= d;
        }
        true
    }

    /// The elements in row-major order, when the view is contiguous and row-major.
    ///
    /// ```
    /// use shaped::{AsView, tensor};
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.view().as_slice(), Some(&[1, 2, 3, 4][..]));
    /// assert_eq!(a.t().as_slice(), None);
    /// ```
    pub fn as_slice(&self) -> Option<&'a [T]> {
        self.is_standard_layout()
            .then(|| &self.data[..self.numel()])
    }

    /// The element at `idx`, or `None` when the index is out of bounds.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.t().get([0, 1]), Some(&3));
    /// assert_eq!(a.t().get([2, 0]), None);
    /// ```
    #[inline]
    pub fn get(&self, idx: S::Index) -> Option<&'a T> {
        let off = offset_of(self.dims().as_ref(), self.strides.as_ref(), idx.as_ref())?;
        Some(&self.data[off])
    }

    /// The elements in row-major (logical) order, whatever the strides.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// let t: Vec<i32> = a.t().iter().copied().collect();
    /// assert_eq!(t, vec![1, 3, 2, 4]);
    /// ```
    pub fn iter(&self) -> Iter<'a, T, S> {
        Iter::new(self.data, self.dims(), self.strides)
    }

    /// Permutes the axes without copying: output axis `i` is input axis `P[i]`.
    ///
    /// An axes type of the wrong rank, or an axis index out of range, does not compile; an
    /// axis named twice fails at build (`cargo build`, not `cargo check`).
    ///
    /// ```
    /// use shaped::{AsView, Axes3, Tensor3};
    /// let x = Tensor3::<usize, 2, 3, 4>::from_fn(|[i, j, k]| 100 * i + 10 * j + k);
    /// let p = x.view().permute::<Axes3<2, 0, 1>>(); // (4, 2, 3)
    /// assert_eq!(p.dims(), [4, 2, 3]);
    /// assert_eq!(p[[3, 1, 2]], 123);
    /// ```
    pub fn permute<P: Permutation>(self) -> TensorView<'a, T, S::Out>
    where
        S: PermuteShape<P>,
    {
        const {
            assert!(
                P::IS_PERMUTATION,
                "permute: the axes must name each axis of the tensor exactly once"
            )
        };
        self.permuted::<P>()
    }

    /// `permute` without the build-time check (each public caller makes it, so that the
    /// error points at the user's line).
    fn permuted<P: Permutation>(self) -> TensorView<'a, T, S::Out>
    where
        S: PermuteShape<P>,
    {
        self.apply(relayout_permute(
            self.dims().as_ref(),
            self.strides.as_ref(),
            P::AXES,
        ))
    }

    /// The sub-view of indices `range` along axis `I`; that axis becomes `Dyn`.
    ///
    /// # Panics
    /// When the range is out of bounds for the axis (see [`Self::try_slice_axis`]).
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// let a = Matrix::<usize, 3, 4>::from_fn(|[i, j]| 10 * i + j);
    /// let s = a.view().slice_axis::<1>(1..3); // (3, Dyn(2))
    /// assert_eq!(s.dims(), [3, 2]);
    /// assert_eq!(s[[2, 0]], 21);
    /// ```
    #[track_caller]
    pub fn slice_axis<const I: usize>(
        self,
        range: Range<usize>,
    ) -> TensorView<'a, T, <S as ReplaceAxis<I, Dyn>>::Out>
    where
        S: ReplaceAxis<I, Dyn>,
    {
        unwrap_or_panic(self.try_slice_axis::<I>(range))
    }

    /// [`Self::slice_axis`] that returns an error for a range out of bounds.
    ///
    /// # Errors
    /// [`ShapeError`] naming the range, the axis and the shape.
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// let a = Matrix::<f32, 3, 4>::zeros();
    /// assert!(a.view().try_slice_axis::<0>(2..5).is_err());
    /// ```
    pub fn try_slice_axis<const I: usize>(
        self,
        range: Range<usize>,
    ) -> Result<TensorView<'a, T, <S as ReplaceAxis<I, Dyn>>::Out>, ShapeError>
    where
        S: ReplaceAxis<I, Dyn>,
    {
        let r = relayout_slice(
            "slice_axis",
            self.dims().as_ref(),
            self.strides.as_ref(),
            I,
            range,
        )?;
        Ok(self.apply(r))
    }

    /// The sub-view of `LEN` indices from `start` along axis `I`; that axis becomes
    /// `Const<LEN>`.
    ///
    /// # Panics
    /// When `start + LEN` exceeds the axis size (see `try_narrow`).
    ///
    /// ```
    /// use shaped::{AsView, Vector};
    /// let v = Vector::<i32, 5>::from_fn(|[i]| i as i32);
    /// let w = v.view().narrow::<0, 2>(3); // (Const<2>,)
    /// assert_eq!(w.to_tensor().as_slice(), &[3, 4]);
    /// ```
    #[track_caller]
    pub fn narrow<const I: usize, const LEN: usize>(
        self,
        start: usize,
    ) -> TensorView<'a, T, <S as ReplaceAxis<I, Const<LEN>>>::Out>
    where
        S: ReplaceAxis<I, Const<LEN>>,
    {
        unwrap_or_panic(self.try_narrow::<I, LEN>(start))
    }

    /// [`Self::narrow`] that returns an error when `start + LEN` exceeds the axis size.
    ///
    /// # Errors
    /// [`ShapeError`] naming the range, the axis and the shape.
    ///
    /// ```
    /// use shaped::{AsView, Vector};
    /// let v = Vector::<i32, 5>::zeros();
    /// assert!(v.view().try_narrow::<0, 3>(3).is_err());
    /// ```
    pub fn try_narrow<const I: usize, const LEN: usize>(
        self,
        start: usize,
    ) -> Result<TensorView<'a, T, <S as ReplaceAxis<I, Const<LEN>>>::Out>, ShapeError>
    where
        S: ReplaceAxis<I, Const<LEN>>,
    {
        let r = relayout_slice(
            "narrow",
            self.dims().as_ref(),
            self.strides.as_ref(),
            I,
            start..start.saturating_add(LEN),
        )?;
        Ok(self.apply(r))
    }

    /// The sub-view at index `i` of axis `I`, with that axis removed (numpy's `x[i]` along
    /// an axis).
    ///
    /// # Panics
    /// When `i` is out of bounds for the axis (see [`Self::try_select`]).
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// let a = Matrix::<usize, 2, 3>::from_fn(|[i, j]| 10 * i + j);
    /// let col = a.view().select::<1>(2); // (Const<2>,)
    /// assert_eq!(col.to_tensor().as_slice(), &[2, 12]);
    /// ```
    #[track_caller]
    pub fn select<const I: usize>(self, i: usize) -> TensorView<'a, T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(self.try_select::<I>(i))
    }

    /// [`Self::select`] that returns an error for an index out of bounds.
    ///
    /// # Errors
    /// [`ShapeError`] naming the index, the axis and the shape.
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// assert!(Matrix::<f32, 2, 3>::zeros().view().try_select::<0>(2).is_err());
    /// ```
    pub fn try_select<const I: usize>(
        self,
        i: usize,
    ) -> Result<TensorView<'a, T, <S as RemoveAxis<I>>::Out>, ShapeError>
    where
        S: RemoveAxis<I>,
    {
        let r = relayout_select("select", self.dims().as_ref(), self.strides.as_ref(), I, i)?;
        Ok(self.apply(r))
    }

    /// Copies the view into an owned, contiguous tensor.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.t().to_tensor().as_slice(), &[1, 3, 2, 4]);
    /// ```
    pub fn to_tensor(&self) -> Tensor<T, S>
    where
        T: Number,
    {
        let n = self.numel();
        let data = match self.as_slice() {
            Some(s) => Storage::from_iter_exact(n, s.iter().copied()),
            None => Storage::from_iter_exact(n, self.iter().copied()),
        };
        Tensor::from_storage(self.shape, data)
    }
}

impl<'a, T, A: AnyDim, B: AnyDim> TensorView<'a, T, (A, B)> {
    /// The transpose of a matrix view, without copying: (M, N) -> (N, M).
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// let a = Matrix::<f32, 2, 3>::zeros();
    /// assert_eq!(a.view().t().dims(), [3, 2]);
    /// ```
    #[inline]
    pub fn t(self) -> TensorView<'a, T, (B, A)> {
        let [s0, s1] = self.strides;
        Tensor::from_parts(self.data, (self.shape.1, self.shape.0), [s1, s0])
    }

    /// Row `i` of a matrix, as a view of shape (N,).
    ///
    /// # Panics
    /// When `i` is out of bounds.
    ///
    /// ```
    /// use shaped::{AsView, tensor};
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.view().row(1).to_tensor().as_slice(), &[3, 4]);
    /// ```
    #[track_caller]
    pub fn row(self, i: usize) -> TensorView<'a, T, (B,)> {
        self.select::<0>(i)
    }

    /// Column `j` of a matrix, as a view of shape (M,).
    ///
    /// # Panics
    /// When `j` is out of bounds.
    ///
    /// ```
    /// use shaped::{AsView, tensor};
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.view().col(1).to_tensor().as_slice(), &[2, 4]);
    /// ```
    #[track_caller]
    pub fn col(self, j: usize) -> TensorView<'a, T, (A,)> {
        self.select::<1>(j)
    }
}

// ---------------------------------------------------------------------------------------------
// TensorViewMut.

impl<'a, T, S: Shape> TensorViewMut<'a, T, S> {
    /// A mutable row-major view of `data` with the given shape.
    ///
    /// # Errors
    /// [`ShapeError`] when `data.len()` differs from the element count of `shape`.
    ///
    /// ```
    /// use shaped::{Const, TensorViewMut};
    /// let mut data = [0.0; 4];
    /// let mut v = TensorViewMut::from_slice(&mut data, (Const::<2>, Const::<2>))?;
    /// v[[1, 1]] = 1.0;
    /// assert_eq!(data, [0.0, 0.0, 0.0, 1.0]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_slice(data: &'a mut [T], shape: S) -> Result<Self, ShapeError> {
        TensorView::from_slice(&*data, shape)?;
        Ok(Tensor::from_parts(data, shape, shape.row_major_strides()))
    }

    /// A mutable view of `data` with the given shape and strides.
    ///
    /// Strides may alias (a stride of 0 repeats an element); writes through aliasing indices
    /// land on the same element.
    ///
    /// # Errors
    /// [`ShapeError`] when some index of the shape would reach past the end of `data`.
    ///
    /// ```
    /// use shaped::{Const, TensorViewMut};
    /// let mut data = [0; 6];
    /// let mut v = TensorViewMut::from_slice_strided(&mut data, (Const::<3>, Const::<2>), [1, 3])?;
    /// v[[2, 1]] = 7;
    /// assert_eq!(data, [0, 0, 0, 0, 0, 7]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_slice_strided(
        data: &'a mut [T],
        shape: S,
        strides: S::Index,
    ) -> Result<Self, ShapeError> {
        check_layout(
            "TensorViewMut::from_slice_strided",
            data.len(),
            shape.dims().as_ref(),
            strides.as_ref(),
        )?;
        Ok(Tensor::from_parts(data, shape, strides))
    }

    fn apply_mut<S2: Shape>(self, r: Relayout) -> TensorViewMut<'a, T, S2> {
        let start = r.offset.min(self.data.len());
        Tensor::from_parts(
            &mut self.data[start..],
            shape_of(&r.dims),
            index_of::<S2>(&r.strides),
        )
    }

    /// A mutable view of the same elements, reborrowed for a shorter time.
    #[inline]
    pub fn reborrow(&mut self) -> TensorViewMut<'_, T, S> {
        AsViewMut::view_mut(self)
    }

    /// The data from the view's first element on (internal).
    #[inline(always)]
    pub(crate) fn raw_data_mut(&mut self) -> &mut [T] {
        self.data
    }

    /// The element at `idx`, mutably, or `None` when the index is out of bounds.
    ///
    /// ```
    /// use shaped::{AsViewMut, tensor};
    /// let mut a = tensor![1, 2];
    /// *a.view_mut().get_mut([1]).unwrap() = 5;
    /// assert_eq!(a.as_slice(), &[1, 5]);
    /// ```
    #[inline]
    pub fn get_mut(&mut self, idx: S::Index) -> Option<&mut T> {
        let off = offset_of(self.dims().as_ref(), self.strides.as_ref(), idx.as_ref())?;
        Some(&mut self.data[off])
    }

    /// Calls `f` on every element in row-major order (an aliasing stride visits an element
    /// once per index that reaches it).
    ///
    /// ```
    /// use shaped::{AsViewMut, tensor};
    /// let mut a = tensor![[1, 2], [3, 4]];
    /// a.view_mut().t_mut().for_each_mut(|x| *x *= 10);
    /// assert_eq!(a.as_slice(), &[10, 20, 30, 40]);
    /// ```
    pub fn for_each_mut(&mut self, mut f: impl FnMut(&mut T)) {
        let mut it = super::access::OffsetIter::new(self.dims(), self.strides);
        while let Some(off) = it.next_offset() {
            f(&mut self.data[off]);
        }
    }

    /// Copies the elements of `src` (same shape type, any layout) into this view.
    ///
    /// # Panics
    /// When `Dyn` dims make the shapes differ at run time.
    ///
    /// ```
    /// use shaped::{AsView, AsViewMut, tensor};
    /// let a = tensor![[1, 2], [3, 4]];
    /// let mut b = tensor![[0, 0], [0, 0]];
    /// b.view_mut().assign(&a.t());
    /// assert_eq!(b.as_slice(), &[1, 3, 2, 4]);
    /// ```
    #[track_caller]
    pub fn assign(&mut self, src: &impl AsView<T, S>)
    where
        T: Copy,
    {
        unwrap_or_panic(self.try_assign(src))
    }

    /// [`Self::assign`] that returns an error when `Dyn` dims make the shapes differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes; nothing is written then.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let mut a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    /// assert!(a.view_mut().try_assign(&b).is_err());
    /// ```
    pub fn try_assign(&mut self, src: &impl AsView<T, S>) -> Result<(), ShapeError>
    where
        T: Copy,
    {
        let src = src.view();
        if src.dims() != self.dims() {
            return Err(ShapeError::mismatch(
                "assign",
                self.dims().as_ref(),
                src.dims().as_ref(),
            ));
        }
        let mut values = src.iter();
        self.for_each_mut(|x| {
            if let Some(v) = values.next() {
                *x = *v;
            }
        });
        Ok(())
    }

    /// Permutes the axes of the mutable view, without copying.
    ///
    /// ```
    /// use shaped::{AsViewMut, Axes2, tensor};
    /// let mut a = tensor![[1, 2], [3, 4]];
    /// a.view_mut().permute_mut::<Axes2<1, 0>>()[[0, 1]] = 9;
    /// assert_eq!(a.as_slice(), &[1, 2, 9, 4]);
    /// ```
    pub fn permute_mut<P: Permutation>(self) -> TensorViewMut<'a, T, S::Out>
    where
        S: PermuteShape<P>,
    {
        const {
            assert!(
                P::IS_PERMUTATION,
                "permute: the axes must name each axis of the tensor exactly once"
            )
        };
        let r = relayout_permute(self.dims().as_ref(), self.strides.as_ref(), P::AXES);
        self.apply_mut(r)
    }

    /// The mutable sub-view of indices `range` along axis `I`; that axis becomes `Dyn`.
    ///
    /// # Panics
    /// When the range is out of bounds for the axis.
    ///
    /// ```
    /// use shaped::{AsViewMut, Vector};
    /// let mut v = Vector::<i32, 4>::zeros();
    /// v.view_mut().slice_axis_mut::<0>(1..3).for_each_mut(|x| *x = 1);
    /// assert_eq!(v.as_slice(), &[0, 1, 1, 0]);
    /// ```
    #[track_caller]
    pub fn slice_axis_mut<const I: usize>(
        self,
        range: Range<usize>,
    ) -> TensorViewMut<'a, T, <S as ReplaceAxis<I, Dyn>>::Out>
    where
        S: ReplaceAxis<I, Dyn>,
    {
        unwrap_or_panic(self.try_slice_axis_mut::<I>(range))
    }

    /// [`Self::slice_axis_mut`] that returns an error for a range out of bounds.
    ///
    /// # Errors
    /// [`ShapeError`] naming the range, the axis and the shape.
    ///
    /// ```
    /// use shaped::Vector;
    /// let mut v = Vector::<i32, 4>::zeros();
    /// assert!(v.view_mut().try_slice_axis_mut::<0>(3..5).is_err());
    /// ```
    pub fn try_slice_axis_mut<const I: usize>(
        self,
        range: Range<usize>,
    ) -> Result<TensorViewMut<'a, T, <S as ReplaceAxis<I, Dyn>>::Out>, ShapeError>
    where
        S: ReplaceAxis<I, Dyn>,
    {
        let r = relayout_slice(
            "slice_axis_mut",
            self.dims().as_ref(),
            self.strides.as_ref(),
            I,
            range,
        )?;
        Ok(self.apply_mut(r))
    }

    /// The mutable sub-view at index `i` of axis `I`, with that axis removed.
    ///
    /// # Panics
    /// When `i` is out of bounds for the axis.
    ///
    /// ```
    /// use shaped::{AsViewMut, Matrix};
    /// let mut a = Matrix::<i32, 2, 2>::zeros();
    /// a.view_mut().select_mut::<0>(1).for_each_mut(|x| *x = 3);
    /// assert_eq!(a.as_slice(), &[0, 0, 3, 3]);
    /// ```
    #[track_caller]
    pub fn select_mut<const I: usize>(
        self,
        i: usize,
    ) -> TensorViewMut<'a, T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(self.try_select_mut::<I>(i))
    }

    /// [`Self::select_mut`] that returns an error for an index out of bounds.
    ///
    /// # Errors
    /// [`ShapeError`] naming the index, the axis and the shape.
    ///
    /// ```
    /// use shaped::Matrix;
    /// let mut a = Matrix::<i32, 2, 2>::zeros();
    /// assert!(a.view_mut().try_select_mut::<1>(2).is_err());
    /// ```
    pub fn try_select_mut<const I: usize>(
        self,
        i: usize,
    ) -> Result<TensorViewMut<'a, T, <S as RemoveAxis<I>>::Out>, ShapeError>
    where
        S: RemoveAxis<I>,
    {
        let r = relayout_select(
            "select_mut",
            self.dims().as_ref(),
            self.strides.as_ref(),
            I,
            i,
        )?;
        Ok(self.apply_mut(r))
    }
}

impl<'a, T, A: AnyDim, B: AnyDim> TensorViewMut<'a, T, (A, B)> {
    /// The transpose of a mutable matrix view, without copying.
    ///
    /// ```
    /// use shaped::{AsViewMut, Matrix};
    /// let mut a = Matrix::<i32, 2, 3>::zeros();
    /// a.view_mut().t_mut()[[2, 1]] = 1;
    /// assert_eq!(a[[1, 2]], 1);
    /// ```
    #[inline]
    pub fn t_mut(self) -> TensorViewMut<'a, T, (B, A)> {
        let [s0, s1] = self.strides;
        Tensor::from_parts(self.data, (self.shape.1, self.shape.0), [s1, s0])
    }
}

// ---------------------------------------------------------------------------------------------
// Owned tensors: the same layout changes, returning views.

impl<T, S: Shape> Tensor<T, S> {
    /// Permutes the axes, returning a view (no copy): output axis `i` is input axis `P[i]`.
    ///
    /// ```
    /// use shaped::{Axes3, Tensor3};
    /// let x = Tensor3::<f32, 2, 3, 4>::zeros();
    /// assert_eq!(x.permute::<Axes3<0, 2, 1>>().dims(), [2, 4, 3]);
    /// ```
    pub fn permute<P: Permutation>(&self) -> TensorView<'_, T, S::Out>
    where
        S: PermuteShape<P>,
    {
        const {
            assert!(
                P::IS_PERMUTATION,
                "permute: the axes must name each axis of the tensor exactly once"
            )
        };
        self.view().permuted::<P>()
    }

    /// The view of indices `range` along axis `I`; that axis becomes `Dyn`.
    ///
    /// # Panics
    /// When the range is out of bounds for the axis (see [`Self::try_slice_axis`]).
    ///
    /// ```
    /// use shaped::Matrix;
    /// let a = Matrix::<f32, 4, 4>::eye();
    /// assert_eq!(a.slice_axis::<0>(1..3).dims(), [2, 4]);
    /// ```
    #[track_caller]
    pub fn slice_axis<const I: usize>(
        &self,
        range: Range<usize>,
    ) -> TensorView<'_, T, <S as ReplaceAxis<I, Dyn>>::Out>
    where
        S: ReplaceAxis<I, Dyn>,
    {
        self.view().slice_axis::<I>(range)
    }

    /// [`Self::slice_axis`] that returns an error for a range out of bounds.
    ///
    /// # Errors
    /// [`ShapeError`] naming the range, the axis and the shape.
    ///
    /// ```
    /// use shaped::Matrix;
    /// let err = Matrix::<f32, 4, 4>::eye().try_slice_axis::<1>(3..9).unwrap_err();
    /// assert!(err.to_string().contains("out of bounds for axis 1 of size 4"));
    /// ```
    pub fn try_slice_axis<const I: usize>(
        &self,
        range: Range<usize>,
    ) -> Result<TensorView<'_, T, <S as ReplaceAxis<I, Dyn>>::Out>, ShapeError>
    where
        S: ReplaceAxis<I, Dyn>,
    {
        self.view().try_slice_axis::<I>(range)
    }

    /// The view of `LEN` indices from `start` along axis `I` (that axis becomes `Const<LEN>`).
    ///
    /// # Panics
    /// When `start + LEN` exceeds the axis size (see `try_narrow`).
    ///
    /// ```
    /// use shaped::Vector;
    /// let v = Vector::<i32, 4>::from_fn(|[i]| i as i32);
    /// assert_eq!(v.narrow::<0, 3>(1).to_tensor().as_slice(), &[1, 2, 3]);
    /// ```
    #[track_caller]
    pub fn narrow<const I: usize, const LEN: usize>(
        &self,
        start: usize,
    ) -> TensorView<'_, T, <S as ReplaceAxis<I, Const<LEN>>>::Out>
    where
        S: ReplaceAxis<I, Const<LEN>>,
    {
        self.view().narrow::<I, LEN>(start)
    }

    /// [`Self::narrow`] that returns an error when `start + LEN` exceeds the axis size.
    ///
    /// # Errors
    /// [`ShapeError`] naming the range, the axis and the shape.
    ///
    /// ```
    /// use shaped::Vector;
    /// assert!(Vector::<i32, 4>::zeros().try_narrow::<0, 3>(2).is_err());
    /// ```
    pub fn try_narrow<const I: usize, const LEN: usize>(
        &self,
        start: usize,
    ) -> Result<TensorView<'_, T, <S as ReplaceAxis<I, Const<LEN>>>::Out>, ShapeError>
    where
        S: ReplaceAxis<I, Const<LEN>>,
    {
        self.view().try_narrow::<I, LEN>(start)
    }

    /// The view at index `i` of axis `I`, with that axis removed.
    ///
    /// # Panics
    /// When `i` is out of bounds for the axis (see [`Self::try_select`]).
    ///
    /// ```
    /// use shaped::Tensor3;
    /// let x = Tensor3::<f32, 2, 3, 4>::zeros();
    /// assert_eq!(x.select::<2>(0).dims(), [2, 3]);
    /// ```
    #[track_caller]
    pub fn select<const I: usize>(&self, i: usize) -> TensorView<'_, T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        self.view().select::<I>(i)
    }

    /// [`Self::select`] that returns an error for an index out of bounds.
    ///
    /// # Errors
    /// [`ShapeError`] naming the index, the axis and the shape.
    ///
    /// ```
    /// use shaped::Tensor3;
    /// assert!(Tensor3::<f32, 2, 3, 4>::zeros().try_select::<1>(3).is_err());
    /// ```
    pub fn try_select<const I: usize>(
        &self,
        i: usize,
    ) -> Result<TensorView<'_, T, <S as RemoveAxis<I>>::Out>, ShapeError>
    where
        S: RemoveAxis<I>,
    {
        self.view().try_select::<I>(i)
    }
}

impl<T, A: AnyDim, B: AnyDim> Tensor<T, (A, B)> {
    /// The transpose of a matrix, as a view (no copy): (M, N) -> (N, M).
    ///
    /// ```
    /// use shaped::{Matrix, tensor};
    /// let a: Matrix<i32, 2, 3> = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(a.t().dims(), [3, 2]);
    /// assert_eq!(a.t()[[0, 1]], 4);
    /// ```
    #[inline]
    pub fn t(&self) -> TensorView<'_, T, (B, A)> {
        self.view().t()
    }

    /// Row `i`, as a view of shape (N,).
    ///
    /// # Panics
    /// When `i` is out of bounds.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.row(0).to_tensor().as_slice(), &[1, 2]);
    /// ```
    #[track_caller]
    pub fn row(&self, i: usize) -> TensorView<'_, T, (B,)> {
        self.view().row(i)
    }

    /// Column `j`, as a view of shape (M,).
    ///
    /// # Panics
    /// When `j` is out of bounds.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.col(0).to_tensor().as_slice(), &[1, 3]);
    /// ```
    #[track_caller]
    pub fn col(&self, j: usize) -> TensorView<'_, T, (A,)> {
        self.view().col(j)
    }
}

/// `x[[i, j]]`: the element at a multi-index with one index per axis, on tensors and views.
///
/// # Panics
/// When an index is out of bounds; the message names the index and the shape.
impl<T, S: Shape, D: Data<T>> core::ops::Index<S::Index> for Tensor<T, S, D> {
    type Output = T;
    #[inline]
    #[track_caller]
    fn index(&self, idx: S::Index) -> &T {
        match offset_of(self.dims().as_ref(), self.strides().as_ref(), idx.as_ref()) {
            Some(off) => &self.data.elements_of(S::STATIC_NUMEL)[off],
            None => index_panic(idx.as_ref(), self.dims().as_ref()),
        }
    }
}

impl<T, S: Shape, D: DataMut<T>> core::ops::IndexMut<S::Index> for Tensor<T, S, D> {
    #[inline]
    #[track_caller]
    fn index_mut(&mut self, idx: S::Index) -> &mut T {
        match offset_of(self.dims().as_ref(), self.strides().as_ref(), idx.as_ref()) {
            Some(off) => &mut self.data.elements_mut_of(S::STATIC_NUMEL)[off],
            None => index_panic(idx.as_ref(), self.dims().as_ref()),
        }
    }
}
