//! Construction and the triangular / diagonal parts under numpy's names: `arange`,
//! `linspace`, `tril(k)`, `triu(k)`, `diag(k)` (vector to matrix and back), `trace()`.
//!
//! Offsets `k` are signed (`isize`) as in numpy: `k > 0` lies above the main diagonal.

use crate::dim::{AnyDim, Dyn};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::{Float, Number};
use crate::shape::{Shape, StaticShape};
use crate::tensor::{AsView, Data, Tensor};

impl<T: Float> Tensor<T, (Dyn,)> {
    /// `start, start + step, ..` up to `stop` (excluded): numpy's `arange`, with
    /// `max(0, ceil((stop - start) / step))` elements (evaluated in `T`).
    ///
    /// # Panics
    /// When `step` is 0 or NaN (see `try_arange`).
    ///
    /// ```
    /// use shaped::Tensor;
    /// let x = Tensor::arange(0., 5., 1.);
    /// assert_eq!(x.as_slice(), &[0., 1., 2., 3., 4.]);
    /// assert_eq!(Tensor::arange(10., 0., -4.).as_slice(), &[10., 6., 2.]);
    /// ```
    #[track_caller]
    pub fn arange(start: T, stop: T, step: T) -> Self {
        unwrap_or_panic(Self::try_arange(start, stop, step))
    }

    /// `arange` that returns an error for a step of 0 (or a length that is not finite).
    ///
    /// # Errors
    /// [`ShapeError`] saying why no length exists.
    ///
    /// ```
    /// use shaped::Tensor;
    /// assert!(Tensor::try_arange(0., 1., 0.).is_err());
    /// ```
    pub fn try_arange(start: T, stop: T, step: T) -> Result<Self, ShapeError> {
        let len = ((stop - start) / step).ceil();
        if step == T::ZERO || len.is_nan() || len.is_infinite() {
            return Err(ShapeError::new(
                "arange",
                &[],
                format!(
                    "no length for start {start}, stop {stop}, step {step} (step 0 or not finite)"
                ),
            ));
        }
        let n = if len > T::ZERO {
            len.as_f64() as usize
        } else {
            0
        };
        Ok(Tensor::from_fn_with((Dyn(n),), |[i]| {
            start + T::of(i as f64) * step
        }))
    }

    /// `num` evenly spaced values from `start` to `stop`, both included (numpy's `linspace`
    /// with `endpoint=True`): step `(stop - start) / (num - 1)`, the last value exactly `stop`;
    /// `num = 1` gives `[start]`.
    ///
    /// ```
    /// use shaped::Tensor;
    /// let x = Tensor::linspace(0., 1., 5);
    /// assert_eq!(x.as_slice(), &[0., 0.25, 0.5, 0.75, 1.]);
    /// ```
    pub fn linspace(start: T, stop: T, num: usize) -> Self {
        linspace_values(start, stop, num, true, (Dyn(num),))
    }

    /// `num` evenly spaced values from `start` towards `stop`, which is excluded (numpy's
    /// `linspace` with `endpoint=False`): step `(stop - start) / num`.
    ///
    /// ```
    /// use shaped::Tensor;
    /// assert_eq!(Tensor::linspace_no_endpoint(0., 1., 4).as_slice(), &[0., 0.25, 0.5, 0.75]);
    /// ```
    pub fn linspace_no_endpoint(start: T, stop: T, num: usize) -> Self {
        linspace_values(start, stop, num, false, (Dyn(num),))
    }
}

impl<T: Float, S: StaticShape<Index = [usize; 1]>> Tensor<T, S> {
    /// `linspace` with a static length (any static vector: `Const<N>` or a static named dim):
    /// `Vector::<f64, 5>::linspace_static(0., 1.)`.
    ///
    /// ```
    /// use shaped::Vector;
    /// let x = Vector::<f64, 3>::linspace_static(-1., 1.);
    /// assert_eq!(x.as_slice(), &[-1., 0., 1.]);
    /// ```
    pub fn linspace_static(start: T, stop: T) -> Self {
        let shape = S::default();
        linspace_values(start, stop, shape.dims()[0], true, shape)
    }
}

/// numpy's linspace: `start + i * step`, the last value set to `stop` with the endpoint.
fn linspace_values<T: Float, S: Shape<Index = [usize; 1]>>(
    start: T,
    stop: T,
    num: usize,
    endpoint: bool,
    shape: S,
) -> Tensor<T, S> {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let step = if div > 0 {
        (stop - start) / T::of(div as f64)
    } else {
        T::ZERO
    };
    Tensor::from_fn_with(shape, |[i]| {
        if endpoint && num > 1 && i == num - 1 {
            stop
        } else {
            T::of(i as f64) * step + start
        }
    })
}

impl<T: Number, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The lower triangle from diagonal `k` down: `x[i, j]` where `j <= i + k`, 0 elsewhere
    /// (numpy's `tril`); shape kept.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(x.tril(0).as_slice(), &[1, 0, 0, 4, 5, 0]);
    /// assert_eq!(x.tril(-1).as_slice(), &[0, 0, 0, 4, 0, 0]);
    /// ```
    pub fn tril(&self, k: isize) -> Tensor<T, (M, N)> {
        let v = AsView::view(self);
        Tensor::from_fn_with(v.shape(), |[i, j]| {
            if (j as isize) <= i as isize + k {
                v[[i, j]]
            } else {
                T::ZERO
            }
        })
    }

    /// The upper triangle from diagonal `k` up: `x[i, j]` where `j >= i + k`, 0 elsewhere
    /// (numpy's `triu`); shape kept.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(x.triu(1).as_slice(), &[0, 2, 3, 0, 0, 6]);
    /// ```
    pub fn triu(&self, k: isize) -> Tensor<T, (M, N)> {
        let v = AsView::view(self);
        Tensor::from_fn_with(v.shape(), |[i, j]| {
            if (j as isize) >= i as isize + k {
                v[[i, j]]
            } else {
                T::ZERO
            }
        })
    }

    /// Diagonal `k` of the matrix as a vector (numpy's `diag` of a 2-D array): `x[i, i + k]`;
    /// empty when the diagonal lies outside.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(x.diag(0).as_slice(), &[1, 5]);
    /// assert_eq!(x.diag(1).as_slice(), &[2, 6]);
    /// assert_eq!(x.diag(-1).as_slice(), &[4]);
    /// assert_eq!(x.diag(5).numel(), 0);
    /// ```
    pub fn diag(&self, k: isize) -> Tensor<T, (Dyn,)> {
        let v = AsView::view(self);
        let [m, n] = v.dims();
        let (r0, c0) = if k >= 0 {
            (0, k.unsigned_abs())
        } else {
            (k.unsigned_abs(), 0)
        };
        let len = m.saturating_sub(r0).min(n.saturating_sub(c0));
        Tensor::from_fn_with((Dyn(len),), |[i]| v[[r0 + i, c0 + i]])
    }

    /// The sum of the main diagonal, `sum_i x[i, i]` (0 for an empty matrix).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![[1, 2], [3, 4]].trace(), 5);
    /// ```
    pub fn trace(&self) -> T {
        self.trace_offset(0)
    }

    /// The sum of diagonal `k`, `sum_i x[i, i + k]` (0 when the diagonal is empty).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert_eq!(x.trace_offset(1), 8);
    /// assert_eq!(x.trace_offset(10), 0);
    /// ```
    pub fn trace_offset(&self, k: isize) -> T {
        self.diag(k).iter().copied().sum()
    }
}

impl<T: Number, N: AnyDim, D: Data<T>> Tensor<T, (N,), D> {
    /// The square matrix with this vector on diagonal `k` and 0 elsewhere (numpy's `diag` of a
    /// 1-D array): (n,) -> (n + |k|, n + |k|).
    ///
    /// ```
    /// use shaped::tensor;
    /// let d = tensor![1, 2].diag(1);
    /// assert_eq!(d.dims(), [3, 3]);
    /// assert_eq!(d.as_slice(), &[0, 1, 0, 0, 0, 2, 0, 0, 0]);
    /// ```
    pub fn diag(&self, k: isize) -> Tensor<T, (Dyn, Dyn)> {
        let v = AsView::view(self);
        let [n] = v.dims();
        let size = n + k.unsigned_abs();
        let (r0, c0) = if k >= 0 {
            (0, k.unsigned_abs())
        } else {
            (k.unsigned_abs(), 0)
        };
        Tensor::from_fn_with((Dyn(size), Dyn(size)), |[i, j]| {
            if i >= r0 && j >= c0 && i - r0 == j - c0 && i - r0 < n {
                v[[i - r0]]
            } else {
                T::ZERO
            }
        })
    }
}
