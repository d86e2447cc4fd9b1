//! Operations along a typed axis: `softmax::<A>()`, `log_softmax::<A>()`, `cumsum::<A>()`,
//! `cumprod::<A>()`, `flip::<A>()` keep the shape; `logsumexp::<A>()`, `std::<A>()`,
//! `std_ddof::<A>(ddof)` remove the axis (with `_keepdim` forms that leave a `One`).
//!
//! The axis is a const generic: an axis out of range does not compile. softmax, log_softmax
//! and logsumexp subtract each lane's maximum first, so inputs of magnitude 1000 neither
//! overflow nor underflow to 0/0; non-finite lanes follow scipy.

use super::kernels_ml::{
    cumprod_lane, cumsum_lane, log_softmax_lane, logsumexp_lane, map_lanes, softmax_lane, std_lane,
};
use super::reduce::reduce_lanes;
use crate::dim::One;
use crate::error::unwrap_or_panic;
use crate::scalar::{Float, Number};
use crate::shape::{HasAxis, RemoveAxis, ReplaceAxis, Shape};
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// A new tensor of shape `SO` (the input's sizes with axis `axis` of length `out_len`) whose
/// lanes along `axis` are `f(input lane, output lane)`.
pub(crate) fn map_axis<T: Copy, U: Number, S: Shape, SO: Shape>(
    v: TensorView<'_, T, S>,
    axis: usize,
    out_len: usize,
    f: impl FnMut(&[T], &mut [U]),
) -> Tensor<U, SO> {
    let dims = v.dims();
    let mut out_dims = dims.as_ref().to_vec();
    out_dims[axis] = out_len;
    let shape = SO::try_from_dims(&out_dims)
        .expect("the axis operations of the shape type fix the result's sizes");
    let mut out = Tensor::<U, SO>::zeros_with(shape);
    map_lanes(
        v.raw_data(),
        dims.as_ref(),
        v.strides().as_ref(),
        axis,
        out.as_mut_slice(),
        out_len,
        f,
    );
    out
}

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The softmax along axis `A`: `exp(x_i - m) / sum_j exp(x_j - m)` per lane, `m` the lane's
    /// maximum, so magnitudes of 1000 are safe. Shape kept. A lane holding NaN or +inf, or
    /// only -inf, gives NaN (scipy's rule); a -inf entry of a finite lane gives 0.
    ///
    /// ```
    /// use shaped::tensor;
    /// let z = tensor![[1000., 1000.], [0., f64::NEG_INFINITY]];
    /// let p = z.softmax::<1>();
    /// assert_eq!(p.as_slice(), &[0.5, 0.5, 1.0, 0.0]);
    /// ```
    pub fn softmax<const A: usize>(&self) -> Tensor<T, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, softmax_lane)
    }

    /// The log of the softmax along axis `A`: `x_i - logsumexp(x)` per lane, stable at any
    /// magnitude. Shape kept. A +inf entry gives NaN there and -inf elsewhere (scipy's rule).
    ///
    /// ```
    /// use shaped::tensor;
    /// let z = tensor![[-1000., -1000.]];
    /// let lp = z.log_softmax::<1>();
    /// assert_eq!(lp.as_slice(), &[-2f64.ln(), -2f64.ln()]);
    /// ```
    pub fn log_softmax<const A: usize>(&self) -> Tensor<T, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, log_softmax_lane)
    }

    /// `log(sum exp(x))` along axis `A`, which is removed: `m + log(sum exp(x - m))`. An empty
    /// or all -inf lane gives -inf, a +inf gives inf, a NaN gives NaN.
    ///
    /// ```
    /// use shaped::tensor;
    /// let z = tensor![[1000., 1000.], [0., 0.]];
    /// let l = z.logsumexp::<1>();
    /// assert_eq!(l.as_slice(), &[1000. + 2f64.ln(), 2f64.ln()]);
    /// ```
    pub fn logsumexp<const A: usize>(&self) -> Tensor<T, <S as RemoveAxis<A>>::Out>
    where
        S: RemoveAxis<A>,
    {
        unwrap_or_panic(reduce_lanes(
            "logsumexp",
            AsView::view(self),
            A,
            false,
            false,
            |l| logsumexp_lane(l),
        ))
    }

    /// `logsumexp` with axis `A` kept as a [`One`] axis, so that `x - x.logsumexp_keepdim::<1>()`
    /// broadcasts.
    ///
    /// ```
    /// use shaped::{tensor, Const, One, Tensor};
    /// let z = tensor![[0., 0.]];
    /// let l: Tensor<f64, (Const<1>, One)> = z.logsumexp_keepdim::<1>();
    /// assert_eq!((&z - &l).as_slice(), &[-2f64.ln(), -2f64.ln()]);
    /// ```
    pub fn logsumexp_keepdim<const A: usize>(&self) -> Tensor<T, <S as ReplaceAxis<A, One>>::Out>
    where
        S: ReplaceAxis<A, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "logsumexp_keepdim",
            AsView::view(self),
            A,
            true,
            false,
            |l| logsumexp_lane(l),
        ))
    }

    /// The standard deviation along axis `A` (ddof 0), which is removed:
    /// `sqrt(sum (x - mean)^2 / n)`, by two passes (accurate for data offset by 1e6). An empty
    /// axis gives NaN.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 3.], [1e6 + 1., 1e6 + 3.]];
    /// assert_eq!(x.std::<1>().as_slice(), &[1., 1.]);
    /// ```
    pub fn std<const A: usize>(&self) -> Tensor<T, <S as RemoveAxis<A>>::Out>
    where
        S: RemoveAxis<A>,
    {
        self.std_ddof::<A>(0)
    }

    /// The standard deviation along axis `A` with `ddof` delta degrees of freedom (divisor
    /// `n - ddof`; numpy's rules: NaN when `n = ddof`, inf when `n < ddof`).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 3.]];
    /// assert_eq!(x.std_ddof::<1>(1).as_slice(), &[2f64.sqrt()]);
    /// ```
    pub fn std_ddof<const A: usize>(&self, ddof: usize) -> Tensor<T, <S as RemoveAxis<A>>::Out>
    where
        S: RemoveAxis<A>,
    {
        unwrap_or_panic(reduce_lanes(
            "std_ddof",
            AsView::view(self),
            A,
            false,
            false,
            |l| std_lane(l, ddof),
        ))
    }

    /// The standard deviation along axis `A` (ddof 0) kept as a [`One`] axis.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1f64, 3.], [2., 2.]];
    /// let z = (&x - &x.mean_keepdim::<1>()) / x.std_keepdim::<1>().map(|s| s.max(1e-12));
    /// assert_eq!(z.as_slice(), &[-1., 1., 0., 0.]);
    /// ```
    pub fn std_keepdim<const A: usize>(&self) -> Tensor<T, <S as ReplaceAxis<A, One>>::Out>
    where
        S: ReplaceAxis<A, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "std_keepdim",
            AsView::view(self),
            A,
            true,
            false,
            |l| std_lane(l, 0),
        ))
    }
}

impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// Running sums along axis `A`; shape kept. (numpy's `cumsum(x, axis=A)`.)
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(x.cumsum::<1>().as_slice(), &[1, 3, 6, 4, 9, 15]);
    /// assert_eq!(x.cumsum::<0>().as_slice(), &[1, 2, 3, 5, 7, 9]);
    /// ```
    pub fn cumsum<const A: usize>(&self) -> Tensor<T, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, cumsum_lane)
    }

    /// Running products along axis `A`; shape kept.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![1., 2., 3., 4.];
    /// assert_eq!(x.cumprod::<0>().as_slice(), &[1., 2., 6., 24.]);
    /// ```
    pub fn cumprod<const A: usize>(&self) -> Tensor<T, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, cumprod_lane)
    }

    /// The elements in reverse order along axis `A` (numpy's `flip`), copied; shape kept.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(x.flip::<1>().as_slice(), &[3, 2, 1, 6, 5, 4]);
    /// assert_eq!(x.flip::<0>().as_slice(), &[4, 5, 6, 1, 2, 3]);
    /// ```
    pub fn flip<const A: usize>(&self) -> Tensor<T, S>
    where
        S: HasAxis<A>,
    {
        let v = AsView::view(self);
        let n = v.dims().as_ref()[A];
        map_axis(v, A, n, |x: &[T], o: &mut [T]| {
            for (o, &x) in o.iter_mut().zip(x.iter().rev()) {
                *o = x;
            }
        })
    }
}
