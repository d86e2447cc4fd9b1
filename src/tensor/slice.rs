//! Slicing several axes at once: `x.slice((.., 1..3, Span::<2>(0)))`, one range per axis.
//!
//! Per axis, `..` keeps the dim, a `usize` range (`a..b`, `a..`, `..b`, `a..=b`, `..=b`) gives `Dyn`,
//! and [`Span::<LEN>(start)`](Span) gives `Const<LEN>`: static lengths stay in the type. The
//! result is a view (no copy) with the same strides; the rank is kept (`select` removes an
//! axis).

use core::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

use super::{Data, DataMut, Tensor, TensorView, TensorViewMut};
use crate::dim::{AnyDim, Const, Dyn};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::shape::{Shape, fmt_dims};

/// `LEN` consecutive positions from a run-time start: the axis becomes `Const<LEN>`.
///
/// ```
/// use shaped::{tensor, tensor::Span, Const, Matrix, TensorView};
/// let x: Matrix<i32, 3, 4> = Matrix::from_fn(|[i, j]| (10 * i + j) as i32);
/// let w: TensorView<i32, (Const<3>, Const<2>)> = x.slice((.., Span::<2>(1)));
/// assert_eq!(w.to_tensor().as_slice(), &[1, 2, 11, 12, 21, 22]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<const LEN: usize>(pub usize);

/// A range of one axis of dim `D`: its result dim `Out`, and its start and length in an
/// axis of size `n` (`None` when it does not fit).
///
/// ```
/// use shaped::{tensor::AxisRange, Const, Span};
/// assert_eq!(AxisRange::<Const<5>>::bounds(&(1..3), 5), Some((1, 2)));
/// assert_eq!(AxisRange::<Const<5>>::bounds(&Span::<2>(4), 5), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot slice an axis",
    label = "use `..`, a `usize` range (`a..b`, `a..`, `..b`, `a..=b`, `..=b`) or `Span::<LEN>(start)`"
)]
pub trait AxisRange<D: AnyDim> {
    /// The dim of the sliced axis.
    type Out: AnyDim;
    /// `(start, len)` within an axis of size `n`.
    fn bounds(&self, n: usize) -> Option<(usize, usize)>;
}

impl<D: AnyDim> AxisRange<D> for RangeFull {
    type Out = D;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        Some((0, n))
    }
}

impl<D: AnyDim> AxisRange<D> for Range<usize> {
    type Out = Dyn;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        (self.start <= self.end && self.end <= n).then(|| (self.start, self.end - self.start))
    }
}

impl<D: AnyDim> AxisRange<D> for RangeFrom<usize> {
    type Out = Dyn;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        (self.start <= n).then(|| (self.start, n - self.start))
    }
}

impl<D: AnyDim> AxisRange<D> for RangeTo<usize> {
    type Out = Dyn;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        (self.end <= n).then_some((0, self.end))
    }
}

impl<D: AnyDim> AxisRange<D> for RangeInclusive<usize> {
    type Out = Dyn;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        let (a, b) = (*self.start(), *self.end());
        (a <= b && b < n).then(|| (a, b - a + 1))
    }
}

impl<D: AnyDim> AxisRange<D> for RangeToInclusive<usize> {
    type Out = Dyn;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        (self.end < n).then_some((0, self.end + 1))
    }
}

impl<D: AnyDim, const LEN: usize> AxisRange<D> for Span<LEN> {
    type Out = Const<LEN>;
    fn bounds(&self, n: usize) -> Option<(usize, usize)> {
        (self.0.checked_add(LEN)? <= n).then_some((self.0, LEN))
    }
}

/// One range per axis of shape `S` (a tuple of [`AxisRange`]s of the same rank); `Out` is
/// the sliced shape.
///
/// ```
/// use shaped::{tensor::SliceSpec, Const, Dyn, Span};
/// type Out = <(core::ops::RangeFull, Span<2>) as SliceSpec<(Dyn, Const<8>)>>::Out;
/// let _: Out = (Dyn(3), Const::<2>);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not slice a tensor of shape `{S}`",
    label = "give one range per axis of `{S}`",
    note = "a slice is a tuple with one entry per axis: `..`, a `usize` range or `Span::<LEN>(start)`"
)]
pub trait SliceSpec<S: Shape> {
    /// The sliced shape.
    type Out: Shape;
    /// `(start, len)` of each axis, or the first axis that does not fit.
    fn bounds(&self, dims: &[usize]) -> Result<Vec<(usize, usize)>, usize>;
}

/// `SliceSpec` for one rank: `(R0, R1): SliceSpec<(D0, D1)>` when each `Ri: AxisRange<Di>`.
macro_rules! slice_spec {
    ($(($($r:ident $d:ident $i:tt),*);)*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($d: AnyDim, $r: AxisRange<$d>,)*> SliceSpec<($($d,)*)> for ($($r,)*) {
            type Out = ($(<$r as AxisRange<$d>>::Out,)*);
            fn bounds(&self, dims: &[usize]) -> Result<Vec<(usize, usize)>, usize> {
                Ok(vec![$(self.$i.bounds(dims[$i]).ok_or($i as usize)?,)*])
            }
        }
    )*};
}

slice_spec! {
    (R0 D0 0);
    (R0 D0 0, R1 D1 1);
    (R0 D0 0, R1 D1 1, R2 D2 2);
    (R0 D0 0, R1 D1 1, R2 D2 2, R3 D3 3);
    (R0 D0 0, R1 D1 1, R2 D2 2, R3 D3 3, R4 D4 4);
    (R0 D0 0, R1 D1 1, R2 D2 2, R3 D3 3, R4 D4 4, R5 D5 5);
}

/// The offset, sizes and shape of a slice, or the error naming the axis that does not fit.
fn layout<S: Shape, P: SliceSpec<S>>(
    op: &'static str,
    spec: &P,
    dims: &[usize],
    strides: &[usize],
) -> Result<(usize, P::Out), ShapeError> {
    let b = spec.bounds(dims).map_err(|axis| {
        ShapeError::new(
            op,
            dims,
            format!(
                "the range of axis {axis} does not fit its length {} in shape {}",
                dims[axis],
                fmt_dims(dims)
            ),
        )
    })?;
    let lens: Vec<usize> = b.iter().map(|&(_, l)| l).collect();
    let empty = lens.contains(&0);
    let offset = if empty {
        0
    } else {
        b.iter().zip(strides).map(|(&(s, _), &st)| s * st).sum()
    };
    let shape = P::Out::try_from_dims(&lens).ok_or_else(|| {
        ShapeError::new(
            op,
            dims,
            format!("the slice's sizes {} do not fit its type", fmt_dims(&lens)),
        )
    })?;
    Ok((offset, shape))
}

/// The strides of `S` as the index type of `S2` (same rank).
fn same_strides<S2: Shape>(strides: &[usize]) -> S2::Index {
    let mut idx = S2::Index::default();
    idx.as_mut().copy_from_slice(strides);
    idx
}

impl<T, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// A view of several axes sliced at once, one range per axis: `..` keeps the dim, a
    /// `usize` range gives `Dyn`, `Span::<LEN>(start)` gives `Const<LEN>`. No copy.
    ///
    /// # Panics
    /// When a range does not fit its axis (see `try_slice`).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<i32, 3, 3> = tensor![[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    /// let corner = x.slice((1.., ..2)); // (Dyn, Dyn): rows 1..3, columns 0..2
    /// assert_eq!(corner.dims(), [2, 2]);
    /// assert_eq!(corner.to_tensor().as_slice(), &[4, 5, 7, 8]);
    /// let cols = x.slice((.., 1..=1)); // (Const<3>, Dyn)
    /// assert_eq!(cols.to_tensor().as_slice(), &[2, 5, 8]);
    /// ```
    #[track_caller]
    pub fn slice<P: SliceSpec<S>>(&self, spec: P) -> TensorView<'_, T, P::Out> {
        unwrap_or_panic(self.try_slice(spec))
    }

    /// `slice` that returns an error when a range does not fit its axis.
    ///
    /// # Errors
    /// [`ShapeError`] naming the axis and the shape.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2], [3, 4]];
    /// assert_eq!(x.try_slice((.., 1..3)).unwrap_err().to_string(),
    ///            "slice: the range of axis 1 does not fit its length 2 in shape (2, 2)");
    /// ```
    pub fn try_slice<P: SliceSpec<S>>(
        &self,
        spec: P,
    ) -> Result<TensorView<'_, T, P::Out>, ShapeError> {
        let v = self.view();
        let (dims, strides) = (v.dims(), v.strides());
        let (offset, shape) = layout("slice", &spec, dims.as_ref(), strides.as_ref())?;
        let data = v.data;
        Ok(Tensor::from_parts(
            &data[offset.min(data.len())..],
            shape,
            same_strides::<P::Out>(strides.as_ref()),
        ))
    }
}

impl<T, S: Shape, D: DataMut<T>> Tensor<T, S, D> {
    /// A mutable view of several axes sliced at once (see `slice`).
    ///
    /// # Panics
    /// When a range does not fit its axis.
    ///
    /// ```
    /// use shaped::{tensor, tensor::Span};
    /// let mut x = tensor![[1, 2, 3], [4, 5, 6]];
    /// x.slice_mut((.., Span::<2>(1))).for_each_mut(|v| *v = 0);
    /// assert_eq!(x.as_slice(), &[1, 0, 0, 4, 0, 0]);
    /// ```
    #[track_caller]
    pub fn slice_mut<P: SliceSpec<S>>(&mut self, spec: P) -> TensorViewMut<'_, T, P::Out> {
        let v = self.view_mut();
        let (dims, strides) = (v.dims(), v.strides());
        let (offset, shape) =
            unwrap_or_panic(layout("slice_mut", &spec, dims.as_ref(), strides.as_ref()));
        let data = v.data;
        let start = offset.min(data.len());
        Tensor::from_parts(
            &mut data[start..],
            shape,
            same_strides::<P::Out>(strides.as_ref()),
        )
    }
}
