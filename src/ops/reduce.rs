//! Reductions: `sum`, `mean`, `max`, `min`, `argmax`, `argmin`, `var` over all elements, and
//! per axis (`sum_axis::<I>()` removes axis `I`, `sum_keepdim::<I>()` leaves a `One` there).
//!
//! The axis is a const generic: an axis out of range does not compile. `max` and `min`
//! propagate NaN as numpy does; `argmax` and `argmin` point at the first NaN.

use super::kernels::{Lane, arg_extreme, extreme, for_each_lane, sum_iter};
use crate::dim::One;
use crate::error::{ShapeError, unwrap_or_panic};
use crate::parallel;
use crate::scalar::{Float, Number, Scalar};
use crate::shape::{RemoveAxis, ReplaceAxis, Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// The error of a max, min, argmax or argmin with nothing to reduce.
fn empty_error(op: &'static str, dims: &[usize], axis: Option<usize>) -> ShapeError {
    let what = match axis {
        Some(a) => format!("axis {a} of shape {} is empty", fmt_dims(dims)),
        None => format!("the tensor of shape {} is empty", fmt_dims(dims)),
    };
    ShapeError::new(op, dims, format!("{what}, and {op} has no identity"))
}

/// Reduces every lane along `axis` through `f` into a tensor of shape `SO` (the sizes with
/// the axis removed, or set to 1 when `keep`). With `needs_element`, an empty axis is an error
/// (unless there are no lanes at all).
pub(crate) fn reduce_lanes<T: Copy, U: Number, S: Shape, SO: Shape>(
    op: &'static str,
    v: TensorView<'_, T, S>,
    axis: usize,
    keep: bool,
    needs_element: bool,
    mut f: impl FnMut(Lane<'_, T>) -> U,
) -> Result<Tensor<U, SO>, ShapeError> {
    let dims = v.dims();
    let strides = v.strides();
    let (d, st) = (dims.as_ref(), strides.as_ref());
    let mut out = axis_result::<U, SO>(d, axis, keep);
    if needs_element && d[axis] == 0 && out.numel() > 0 {
        return Err(empty_error(op, d, Some(axis)));
    }
    let o = out.as_mut_slice();
    let (len, stride, data) = (d[axis], st[axis], v.raw_data());
    let mut k = 0;
    for_each_lane(d, st, axis, |base| {
        o[k] = f(Lane::new(data, base, len, stride));
        k += 1;
    });
    Ok(out)
}

/// The zeroed result of a reduction along `axis` of a tensor of sizes `d`: `axis` removed, or
/// kept as size 1.
fn axis_result<U: Number, SO: Shape>(d: &[usize], axis: usize, keep: bool) -> Tensor<U, SO> {
    let mut out_dims = d.to_vec();
    if keep {
        out_dims[axis] = 1;
    } else {
        out_dims.remove(axis);
    }
    let shape = SO::try_from_dims(&out_dims)
        .expect("the axis operations of the shape type fix the result's sizes");
    Tensor::zeros_with(shape)
}

/// The sums along `axis` (removed, or kept as size 1): in memory order when the view is
/// contiguous (over whole rows when the axis is not the last, by slices when it is), lane by
/// lane otherwise. With the feature `rayon`, the contiguous cases are split into tasks of
/// whole output elements (`crate::parallel`), and a lane longer than `parallel::SUM_CHUNK` is
/// summed by fixed chunks as `sum` is.
fn sum_lanes<T: Number, S: Shape, SO: Shape>(
    op: &'static str,
    v: TensorView<'_, T, S>,
    axis: usize,
    keep: bool,
) -> Tensor<T, SO> {
    let dims = v.dims();
    let d = dims.as_ref();
    let out_tensor = || axis_result::<T, SO>(d, axis, keep);
    match v.as_slice() {
        Some(x) if axis + 1 < d.len() => {
            let mut out = out_tensor();
            let outer = d[..axis].iter().product();
            let inner = d[axis + 1..].iter().product();
            parallel::sum_middle_axis(x, outer, d[axis], inner, out.as_mut_slice());
            out
        }
        Some(x) if d[axis] > 0 => {
            // the last axis of a contiguous view: each lane is a slice
            let mut out = out_tensor();
            parallel::sum_lanes(x, d[axis], out.as_mut_slice());
            out
        }
        _ => unwrap_or_panic(reduce_lanes(op, v, axis, keep, false, |l| sum_iter(l))),
    }
}

/// The means along `axis`: the sums divided by the axis length (NaN for an empty axis).
fn mean_lanes<T: Float, S: Shape, SO: Shape>(
    op: &'static str,
    v: TensorView<'_, T, S>,
    axis: usize,
    keep: bool,
) -> Tensor<T, SO> {
    let n = T::of(v.dims().as_ref()[axis] as f64);
    let mut s: Tensor<T, SO> = sum_lanes(op, v, axis, keep);
    parallel::update(s.as_mut_slice(), |x| *x /= n);
    s
}

/// The mean of a lane (NaN when empty).
fn mean_of<T: Float>(it: impl ExactSizeIterator<Item = T>) -> T {
    let n = it.len();
    sum_iter(it) / T::of(n as f64)
}

/// The variance of a lane with `ddof` delta degrees of freedom (two passes).
fn var_of<T: Float>(it: impl ExactSizeIterator<Item = T> + Clone, ddof: usize) -> T {
    let n = it.len();
    let m = mean_of(it.clone());
    let ss = sum_iter(it.map(|x| (x - m) * (x - m)));
    ss / T::of(n.saturating_sub(ddof) as f64)
}

impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The sum of all elements (0 for an empty tensor).
    ///
    /// A contiguous tensor of more than 2^15 elements is summed as the partial sums of fixed
    /// chunks of 2^15 elements added in order (which also bounds the rounding error's growth),
    /// the chunks summed in parallel with the feature `rayon`: the result is the same with
    /// and without the feature, and for any number of threads.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// assert_eq!(a.sum(), 21.0);
    /// assert_eq!(a.t().sum(), 21.0);
    /// ```
    pub fn sum(&self) -> T {
        let v = AsView::view(self);
        match v.as_slice() {
            Some(x) => parallel::sum_slice(x),
            None => sum_iter(v.iter().copied()),
        }
    }

    /// The largest element; NaN if any element is NaN (numpy's rule).
    ///
    /// # Panics
    /// When the tensor is empty (see `try_max`).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let v: Vector<f64, 3> = tensor![1., 7., 3.];
    /// assert_eq!(v.max(), 7.0);
    /// let w: Vector<f64, 3> = tensor![1., f64::NAN, 3.];
    /// assert!(w.max().is_nan());
    /// ```
    #[track_caller]
    pub fn max(&self) -> T
    where
        T: Scalar,
    {
        unwrap_or_panic(self.try_max())
    }

    /// The largest element, or an error for an empty tensor.
    ///
    /// # Errors
    /// [`ShapeError`] when the tensor has no elements.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let e = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    /// assert_eq!(e.try_max().unwrap_err().to_string(),
    ///            "max: the tensor of shape (0,) is empty, and max has no identity");
    /// ```
    pub fn try_max(&self) -> Result<T, ShapeError>
    where
        T: Scalar,
    {
        let v = AsView::view(self);
        extreme(v.iter().copied(), true).ok_or_else(|| empty_error("max", v.dims().as_ref(), None))
    }

    /// The smallest element; NaN if any element is NaN (numpy's rule).
    ///
    /// # Panics
    /// When the tensor is empty (see `try_min`).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![[4, -2], [0, 9]].min(), -2);
    /// ```
    #[track_caller]
    pub fn min(&self) -> T
    where
        T: Scalar,
    {
        unwrap_or_panic(self.try_min())
    }

    /// The smallest element, or an error for an empty tensor.
    ///
    /// # Errors
    /// [`ShapeError`] when the tensor has no elements.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// assert!(Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3))).try_min().is_err());
    /// ```
    pub fn try_min(&self) -> Result<T, ShapeError>
    where
        T: Scalar,
    {
        let v = AsView::view(self);
        extreme(v.iter().copied(), false).ok_or_else(|| empty_error("min", v.dims().as_ref(), None))
    }

    /// The flat (row-major) index of the first largest element; the first NaN wins, as in
    /// numpy.
    ///
    /// # Panics
    /// When the tensor is empty (see `try_argmax`).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1., 9.], [9., 2.]];
    /// assert_eq!(a.argmax(), 1);
    /// assert_eq!(a.t().argmax(), 1); // the transpose's row-major order: [1, 9, 9, 2]
    /// ```
    #[track_caller]
    pub fn argmax(&self) -> usize
    where
        T: Scalar,
    {
        unwrap_or_panic(self.try_argmax())
    }

    /// `argmax` that returns an error for an empty tensor.
    ///
    /// # Errors
    /// [`ShapeError`] when the tensor has no elements.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// assert!(Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),)).try_argmax().is_err());
    /// ```
    pub fn try_argmax(&self) -> Result<usize, ShapeError>
    where
        T: Scalar,
    {
        let v = AsView::view(self);
        arg_extreme(v.iter().copied(), true)
            .ok_or_else(|| empty_error("argmax", v.dims().as_ref(), None))
    }

    /// The flat (row-major) index of the first smallest element; the first NaN wins.
    ///
    /// # Panics
    /// When the tensor is empty.
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![3, 1, 2, 1].argmin(), 1);
    /// ```
    #[track_caller]
    pub fn argmin(&self) -> usize
    where
        T: Scalar,
    {
        let v = AsView::view(self);
        unwrap_or_panic(
            arg_extreme(v.iter().copied(), false)
                .ok_or_else(|| empty_error("argmin", v.dims().as_ref(), None)),
        )
    }

    /// The sums along axis `I`, which is removed: (A, B, C) -> (A, C) for `I = 1`.
    ///
    /// An axis out of range does not compile.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Vector};
    /// let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// let cols: Vector<f64, 3> = a.sum_axis::<0>();
    /// assert_eq!(cols.as_slice(), &[5., 7., 9.]);
    /// assert_eq!(a.sum_axis::<1>().as_slice(), &[6., 15.]);
    /// assert_eq!(a.t().sum_axis::<0>().as_slice(), &[6., 15.]);
    /// ```
    pub fn sum_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        sum_lanes("sum_axis", AsView::view(self), I, false)
    }

    /// The sums along axis `I`, kept as a [`One`] axis so that the result broadcasts against
    /// the input: (A, B) -> (A, One) for `I = 1`.
    ///
    /// ```
    /// use shaped::{tensor, Const, Matrix, One, Tensor};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 3.], [2., 6.]];
    /// let s: Tensor<f64, (Const<2>, One)> = a.sum_keepdim::<1>();
    /// let shares = &a / &s; // (2, 2) / (2, One): each row divided by its sum
    /// assert_eq!(shares.as_slice(), &[0.25, 0.75, 0.25, 0.75]);
    /// ```
    pub fn sum_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        sum_lanes("sum_keepdim", AsView::view(self), I, true)
    }

    /// The largest element along axis `I`, which is removed; NaN propagates.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 8, 3], [7, 2, 9]];
    /// assert_eq!(a.max_axis::<0>().as_slice(), &[7, 8, 9]);
    /// assert_eq!(a.max_axis::<1>().as_slice(), &[8, 9]);
    /// ```
    #[track_caller]
    pub fn max_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        T: Scalar,
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "max_axis",
            AsView::view(self),
            I,
            false,
            true,
            |l| extreme(l, true).unwrap_or(T::ZERO),
        ))
    }

    /// The largest element along axis `I`, kept as a [`One`] axis.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1., 8.], [7., 2.]];
    /// let centred = &a - &a.max_keepdim::<1>(); // (2, 2) - (2, One)
    /// assert_eq!(centred.as_slice(), &[-7., 0., 0., -5.]);
    /// ```
    #[track_caller]
    pub fn max_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        T: Scalar,
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "max_keepdim",
            AsView::view(self),
            I,
            true,
            true,
            |l| extreme(l, true).unwrap_or(T::ZERO),
        ))
    }

    /// The smallest element along axis `I`, which is removed; NaN propagates.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 8, 3], [7, 2, 9]];
    /// assert_eq!(a.min_axis::<0>().as_slice(), &[1, 2, 3]);
    /// ```
    #[track_caller]
    pub fn min_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        T: Scalar,
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "min_axis",
            AsView::view(self),
            I,
            false,
            true,
            |l| extreme(l, false).unwrap_or(T::ZERO),
        ))
    }

    /// The smallest element along axis `I`, kept as a [`One`] axis.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1., 8.], [7., 2.]];
    /// assert_eq!(a.min_keepdim::<0>().dims(), [1, 2]);
    /// ```
    #[track_caller]
    pub fn min_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        T: Scalar,
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "min_keepdim",
            AsView::view(self),
            I,
            true,
            true,
            |l| extreme(l, false).unwrap_or(T::ZERO),
        ))
    }

    /// The index along axis `I` of the first largest element of each lane (NaN wins); axis
    /// `I` is removed.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let scores = tensor![[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]];
    /// assert_eq!(scores.argmax_axis::<1>().as_slice(), &[1, 0]); // predicted class per row
    /// ```
    #[track_caller]
    pub fn argmax_axis<const I: usize>(&self) -> Tensor<usize, <S as RemoveAxis<I>>::Out>
    where
        T: Scalar,
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "argmax_axis",
            AsView::view(self),
            I,
            false,
            true,
            |l| arg_extreme(l, true).unwrap_or(0),
        ))
    }

    /// `argmax_axis` with axis `I` kept as a [`One`] axis.
    ///
    /// # Panics
    /// When axis `I` is empty (and the result is not).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 5], [6, 2]];
    /// assert_eq!(a.argmax_keepdim::<0>().as_slice(), &[1, 0]);
    /// ```
    #[track_caller]
    pub fn argmax_keepdim<const I: usize>(&self) -> Tensor<usize, <S as ReplaceAxis<I, One>>::Out>
    where
        T: Scalar,
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "argmax_keepdim",
            AsView::view(self),
            I,
            true,
            true,
            |l| arg_extreme(l, true).unwrap_or(0),
        ))
    }
}

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The mean of all elements (NaN for an empty tensor, as numpy's).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![[1., 2.], [3., 6.]].mean(), 3.0);
    /// ```
    pub fn mean(&self) -> T {
        self.sum() / T::of(AsView::view(self).numel() as f64)
    }

    /// The population variance of all elements: `mean((x - mean(x))^2)` (ddof 0).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![1., 2., 3., 4.].var(), 1.25);
    /// ```
    pub fn var(&self) -> T {
        self.var_ddof(0)
    }

    /// The variance with `ddof` delta degrees of freedom: `sum((x - mean)^2) / (n - ddof)`
    /// (`ddof = 1` is the sample variance). Infinite or NaN when `ddof >= n`, as numpy's.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x: shaped::Vector<f64, 4> = tensor![1., 2., 3., 4.];
    /// assert!((x.var_ddof(1) - 5.0 / 3.0).abs() < 1e-15);
    /// ```
    pub fn var_ddof(&self, ddof: usize) -> T {
        let v = AsView::view(self);
        match v.as_slice() {
            Some(x) => var_of(x.iter().copied(), ddof),
            None => var_of(v.to_tensor().as_slice().iter().copied(), ddof),
        }
    }

    /// The means along axis `I`, which is removed.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 2.], [3., 4.], [5., 6.]]; // 3 samples, 2 features
    /// assert_eq!(x.mean_axis::<0>().as_slice(), &[3., 4.]);
    /// ```
    pub fn mean_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        mean_lanes("mean_axis", AsView::view(self), I, false)
    }

    /// The means along axis `I`, kept as a [`One`] axis: centring is `&x - &x.mean_keepdim::<0>()`.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 2.], [3., 4.], [5., 6.]];
    /// let xc = &x - &x.mean_keepdim::<0>(); // (3, 2) - (One, 2)
    /// assert_eq!(xc.as_slice(), &[-2., -2., 0., 0., 2., 2.]);
    /// ```
    pub fn mean_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        mean_lanes("mean_keepdim", AsView::view(self), I, true)
    }

    /// The variances (ddof 0) along axis `I`, which is removed.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 10.], [3., 10.]];
    /// assert_eq!(x.var_axis::<0>().as_slice(), &[1., 0.]);
    /// ```
    pub fn var_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        self.var_ddof_axis::<I>(0)
    }

    /// The variances (ddof 0) along axis `I`, kept as a [`One`] axis.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 3.], [10., 10.]];
    /// assert_eq!(x.var_keepdim::<1>().as_slice(), &[1., 0.]);
    /// ```
    pub fn var_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "var_keepdim",
            AsView::view(self),
            I,
            true,
            false,
            |l| var_of(l, 0),
        ))
    }

    /// The variances with `ddof` delta degrees of freedom along axis `I`, which is removed.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 10.], [3., 10.]];
    /// assert_eq!(x.var_ddof_axis::<0>(1).as_slice(), &[2., 0.]);
    /// ```
    pub fn var_ddof_axis<const I: usize>(&self, ddof: usize) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "var_ddof_axis",
            AsView::view(self),
            I,
            false,
            false,
            |l| var_of(l, ddof),
        ))
    }
}
