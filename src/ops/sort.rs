//! Orderings along a typed axis: `sort::<A>()`, `argsort::<A>()` (stable), `topk::<A, K>()`
//! (the K largest, descending, with their positions), `argmin_axis::<A>()`.
//!
//! NaN sorts after every number, as in numpy; index tensors hold `usize`.

use super::axis_ops::map_axis;
use super::kernels::arg_extreme;
use super::kernels_ml::{argsort_lane, sort_lane, topk_lane};
use super::reduce::reduce_lanes;
use crate::dim::{AnyDim, Const, One};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Scalar;
use crate::shape::{HasAxis, RemoveAxis, ReplaceAxis, Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor};

impl<T: Scalar, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The lanes along axis `A` sorted ascending, NaN last; shape kept.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[3., f64::NAN, 1.], [2., 0., 2.]];
    /// let s = x.sort::<1>();
    /// assert_eq!(s.as_slice()[..2], [1., 3.]);
    /// assert!(s[[0, 2]].is_nan());
    /// assert_eq!(s.as_slice()[3..], [0., 2., 2.]);
    /// ```
    pub fn sort<const A: usize>(&self) -> Tensor<T, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, sort_lane)
    }

    /// The positions that sort each lane along axis `A` ascending (numpy's
    /// `argsort(kind='stable')`): equal values keep their order, NaN last; shape kept, `usize`.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[3, 1, 2, 1]];
    /// assert_eq!(x.argsort::<1>().as_slice(), &[1, 3, 2, 0]);
    /// ```
    pub fn argsort<const A: usize>(&self) -> Tensor<usize, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, argsort_lane)
    }

    /// The `K` largest values along axis `A`, descending, and their positions: axis `A`
    /// becomes `Const<K>` in both. Ties go to the lower position; NaN ranks below every
    /// number. `(B, N) -> (B, Const<K>)` for `A = 1`.
    ///
    /// A `K` above a static axis length fails at build (`cargo build`, not `cargo check`).
    ///
    /// # Panics
    /// When `K` exceeds the length of a `Dyn` axis (see `try_topk`).
    ///
    /// ```
    /// use shaped::{tensor, Const, Tensor};
    /// let scores = tensor![[0.1, 0.7, 0.2, 0.7], [0.5, 0.3, 0.2, 0.0]];
    /// let (v, i): (Tensor<f64, (Const<2>, Const<2>)>, Tensor<usize, _>) = scores.topk::<1, 2>();
    /// assert_eq!(v.as_slice(), &[0.7, 0.7, 0.5, 0.3]);
    /// assert_eq!(i.as_slice(), &[1, 3, 0, 1]);
    /// ```
    #[track_caller]
    #[allow(clippy::type_complexity)]
    pub fn topk<const A: usize, const K: usize>(
        &self,
    ) -> (
        Tensor<T, <S as ReplaceAxis<A, Const<K>>>::Out>,
        Tensor<usize, <S as ReplaceAxis<A, Const<K>>>::Out>,
    )
    where
        S: ReplaceAxis<A, Const<K>>,
    {
        const {
            if let Some(n) = <<S as HasAxis<A>>::Dim as AnyDim>::STATIC {
                assert!(
                    K <= n,
                    "topk::<A, K>(): K is larger than the length of axis A"
                );
            }
        }
        unwrap_or_panic(self.try_topk::<A, K>())
    }

    /// `topk` that returns an error when `K` exceeds the length of axis `A`.
    ///
    /// # Errors
    /// [`ShapeError`] naming the shape, the axis and `K`.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// assert_eq!(x.try_topk::<0, 5>().unwrap_err().to_string(),
    ///            "topk: k = 5 exceeds the length 3 of axis 0 of shape (3,)");
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn try_topk<const A: usize, const K: usize>(
        &self,
    ) -> Result<
        (
            Tensor<T, <S as ReplaceAxis<A, Const<K>>>::Out>,
            Tensor<usize, <S as ReplaceAxis<A, Const<K>>>::Out>,
        ),
        ShapeError,
    >
    where
        S: ReplaceAxis<A, Const<K>>,
    {
        let v = AsView::view(self);
        let dims = v.dims();
        let n = dims.as_ref()[A];
        if K > n {
            return Err(ShapeError::new(
                "topk",
                dims.as_ref(),
                format!(
                    "k = {K} exceeds the length {n} of axis {A} of shape {}",
                    fmt_dims(dims.as_ref())
                ),
            ));
        }
        let mut scratch = Vec::with_capacity(n);
        let idx: Tensor<usize, _> = map_axis(v, A, K, |x: &[T], o: &mut [usize]| {
            topk_lane(x, &mut scratch, o)
        });
        let values = take_lanes(v, A, &idx);
        Ok((values, idx))
    }

    /// The position of the first smallest element along axis `I`, which is removed; a NaN
    /// wins (numpy's rule).
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[3, 1, 1], [0, 5, 0]];
    /// assert_eq!(a.argmin_axis::<1>().as_slice(), &[1, 0]);
    /// ```
    #[track_caller]
    pub fn argmin_axis<const I: usize>(&self) -> Tensor<usize, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "argmin_axis",
            AsView::view(self),
            I,
            false,
            true,
            |l| arg_extreme(l, false).unwrap_or(0),
        ))
    }

    /// `argmin_axis` with axis `I` kept as a [`One`] axis.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::{tensor, Const, One, Tensor};
    /// let a = tensor![[3, 1, 1], [0, 5, 0]];
    /// let i: Tensor<usize, (Const<2>, One)> = a.argmin_keepdim::<1>();
    /// assert_eq!(i.as_slice(), &[1, 0]);
    /// ```
    #[track_caller]
    pub fn argmin_keepdim<const I: usize>(&self) -> Tensor<usize, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "argmin_keepdim",
            AsView::view(self),
            I,
            true,
            true,
            |l| arg_extreme(l, false).unwrap_or(0),
        ))
    }
}

/// `out[.., k, ..] = x[.., idx[.., k, ..], ..]` along `axis`, for an index tensor of `x`'s
/// sizes but axis `axis` (whose positions are in range).
fn take_lanes<T: Scalar, S: Shape, SO: Shape>(
    v: crate::tensor::TensorView<'_, T, S>,
    axis: usize,
    idx: &Tensor<usize, SO>,
) -> Tensor<T, SO> {
    let k = idx.dims().as_ref()[axis];
    let (dims, strides) = (v.dims(), v.strides());
    let stride = strides.as_ref()[axis];
    let data = v.raw_data();
    let mut out = Tensor::<T, SO>::zeros_with(idx.shape());
    let o = out.as_mut_slice();
    let ix = idx.as_slice();
    // the lanes of the row-major `idx` in the order `for_each_lane` visits `v`'s lanes
    let inner: usize = idx.dims().as_ref()[axis + 1..].iter().product();
    let mut lane = 0;
    super::kernels::for_each_lane(dims.as_ref(), strides.as_ref(), axis, |base| {
        let (outer, within) = (lane / inner.max(1), lane % inner.max(1));
        for j in 0..k {
            let pos = outer * k * inner + j * inner + within;
            o[pos] = data[base + ix[pos] * stride];
        }
        lane += 1;
    });
    out
}
