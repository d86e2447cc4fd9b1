//! Elementwise math under numpy's names: `exp`, `ln` (numpy `log`), `log1p`, `expm1`,
//! `sqrt`, `abs`, `signum` (numpy `sign`), `square`, `tanh`, `sigmoid`, `relu`, `softplus`,
//! `clip`, `powi`, `powf`, and the broadcasting binary `maximum`, `minimum`, `pow`.
//!
//! Each keeps the shape (the binary ones broadcast as the arithmetic operators do) and follows
//! numpy's IEEE rules: NaN in, NaN out; `maximum` / `minimum` propagate NaN (unlike
//! `f64::max`); `sigmoid` and `softplus` are stable at any magnitude.

use super::elementwise::try_broadcast_zip_sync;
use super::kernels_ml::{clip, extreme2, relu, sigmoid, sign, softplus};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Float;
use crate::shape::{BroadcastShapes, Shape};
use crate::tensor::{AsView, Data, Tensor};

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// `e^x`; overflows to inf, underflows through the subnormals to 0. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![0., 1.];
    /// let y = x.exp();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y[1] == 1f64.exp());
    /// ```
    pub fn exp(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.exp())
    }

    /// The natural logarithm (numpy's `log`): `ln(0) = -inf`, NaN below 0. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![1., 0.];
    /// let y = x.ln();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y[0] == 0.0 && y[1] == f64::NEG_INFINITY);
    /// ```
    pub fn ln(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.ln())
    }

    /// `ln(1 + x)`, accurate for tiny `x` (where `(1 + x).ln()` loses every digit). Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![1e-20, -1.];
    /// let y = x.log1p();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y[0] == 1e-20 && y[1] == f64::NEG_INFINITY);
    /// ```
    pub fn log1p(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.ln_1p())
    }

    /// `e^x - 1`, accurate for tiny `x`; `expm1(-inf) = -1`. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![1e-20, f64::NEG_INFINITY];
    /// let y = x.expm1();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y[0] == 1e-20 && y[1] == -1.0);
    /// ```
    pub fn expm1(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.exp_m1())
    }

    /// The square root: NaN below 0, `sqrt(-0.0) = -0.0`. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![4., -1.];
    /// let y = x.sqrt();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y[0] == 2.0 && y[1].is_nan());
    /// ```
    pub fn sqrt(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.sqrt())
    }

    /// The absolute value. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![-2., 3.];
    /// let y = x.abs();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [2., 3.]);
    /// ```
    pub fn abs(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.abs())
    }

    /// numpy's `sign`: -1, 0 or 1 (`sign(+-0) = 0`, unlike Rust's `f64::signum`; NaN stays NaN). Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![-2., 0.];
    /// let y = x.signum();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [-1., 0.]);
    /// ```
    pub fn signum(&self) -> Tensor<T, S> {
        self.map_sync(|x| sign(x))
    }

    /// `x * x`. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![-2., 3.];
    /// let y = x.square();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [4., 9.]);
    /// ```
    pub fn square(&self) -> Tensor<T, S> {
        self.map_sync(|x| x * x)
    }

    /// The hyperbolic tangent, accurate for tiny `x`. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![0., 1e-20];
    /// let y = x.tanh();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [0., 1e-20]);
    /// ```
    pub fn tanh(&self) -> Tensor<T, S> {
        self.map_sync(|x| x.tanh())
    }

    /// The logistic function `1 / (1 + e^-x)`, computed stably (scipy's `expit`): relative accuracy deep in the left tail, exactly 0 and 1 at -+800, never NaN for a number. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![0., -800.];
    /// let y = x.sigmoid();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [0.5, 0.0]);
    /// ```
    pub fn sigmoid(&self) -> Tensor<T, S> {
        self.map_sync(|x| sigmoid(x))
    }

    /// `max(x, 0)` (numpy's `maximum(x, 0)`: NaN stays NaN). Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![-2., 3.];
    /// let y = x.relu();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [0., 3.]);
    /// ```
    pub fn relu(&self) -> Tensor<T, S> {
        self.map_sync(|x| relu(x))
    }

    /// `ln(1 + e^x)` (numpy's `logaddexp(0, x)`) without overflow: `softplus(800) = 800`, `softplus(-40) = 4.25e-18`. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 2> = tensor![800., 0.];
    /// let y = x.softplus();
    /// let y = [y[[0]], y[[1]]];
    /// assert!(y == [800., 2f64.ln()]);
    /// ```
    pub fn softplus(&self) -> Tensor<T, S> {
        self.map_sync(|x| softplus(x))
    }

    /// numpy's `clip`: `minimum(maximum(x, lo), hi)` elementwise. Pass `T::neg_infinity()` or
    /// `T::infinity()` for numpy's `None`. `lo > hi` is not an error: every value becomes `hi`
    /// (numpy's rule); NaN stays NaN.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![-3., 0.5, 7., f64::NAN];
    /// let y = x.clip(-1., 1.);
    /// assert_eq!(&y.as_slice()[..3], &[-1., 0.5, 1.]);
    /// assert!(y[[3]].is_nan());
    /// ```
    pub fn clip(&self, lo: T, hi: T) -> Tensor<T, S> {
        self.map_sync(|x| clip(x, lo, hi))
    }

    /// `x^n` elementwise for an integer `n` (numpy's `power(x, n)`): `x^0 = 1` for every `x`,
    /// NaN and infinities included; `0^-1 = inf`, `(-0.0)^-1 = -inf`.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![2., -3., f64::NAN];
    /// assert_eq!(x.powi(3).as_slice()[..2], [8., -27.]);
    /// assert_eq!(x.powi(0).as_slice(), &[1., 1., 1.]);
    /// ```
    pub fn powi(&self, n: i32) -> Tensor<T, S> {
        self.map_sync(|x| x.powi(n))
    }

    /// `x^p` elementwise (C99 `pow`, as numpy's `power`): a negative `x` with a non-integer `p`
    /// gives NaN.
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 3> = tensor![4., 9., -8.];
    /// let y = x.powf(0.5);
    /// assert_eq!(y.as_slice()[..2], [2., 3.]);
    /// assert!(x.powf(1. / 3.)[[2]].is_nan());
    /// ```
    pub fn powf(&self, p: T) -> Tensor<T, S> {
        self.map_sync(|x| x.powf(p))
    }

    /// The larger of each pair (numpy's `maximum`): NaN in either operand gives NaN. The shapes broadcast as for `+`: (A) with (B) -> the broadcast shape.
    ///
    /// # Panics
    /// When `Dyn` sizes do not broadcast at run time (see `try_maximum`).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let a = tensor![[1., 5.], [4., 2.]];
    /// let b: Vector<f64, 2> = tensor![4., 5.];
    /// assert_eq!(a.maximum(&b).as_slice(), &[4., 5., 4., 5.]); // (2, 2) with (2,) -> (2, 2)
    /// ```
    #[track_caller]
    pub fn maximum<S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Tensor<T, <S as BroadcastShapes<S2>>::Out>
    where
        S: BroadcastShapes<S2>,
    {
        unwrap_or_panic(self.try_maximum(other))
    }

    /// `maximum` that returns an error when `Dyn` sizes do not broadcast.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    /// assert!(a.try_maximum(&b).unwrap_err().to_string().contains("(3,) and (4,)"));
    /// ```
    pub fn try_maximum<S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as BroadcastShapes<S2>>::Out>, ShapeError>
    where
        S: BroadcastShapes<S2>,
    {
        try_broadcast_zip_sync("maximum", AsView::view(self), other.view(), |a, b| {
            extreme2(a, b, true)
        })
    }

    /// The smaller of each pair (numpy's `minimum`): NaN in either operand gives NaN. The shapes broadcast as for `+`: (A) with (B) -> the broadcast shape.
    ///
    /// # Panics
    /// When `Dyn` sizes do not broadcast at run time (see `try_minimum`).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let a = tensor![[1., 5.], [4., 2.]];
    /// let b: Vector<f64, 2> = tensor![4., 5.];
    /// assert_eq!(a.minimum(&b).as_slice(), &[1., 5., 4., 2.]); // (2, 2) with (2,) -> (2, 2)
    /// ```
    #[track_caller]
    pub fn minimum<S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Tensor<T, <S as BroadcastShapes<S2>>::Out>
    where
        S: BroadcastShapes<S2>,
    {
        unwrap_or_panic(self.try_minimum(other))
    }

    /// `minimum` that returns an error when `Dyn` sizes do not broadcast.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    /// assert!(a.try_minimum(&b).unwrap_err().to_string().contains("(3,) and (4,)"));
    /// ```
    pub fn try_minimum<S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as BroadcastShapes<S2>>::Out>, ShapeError>
    where
        S: BroadcastShapes<S2>,
    {
        try_broadcast_zip_sync("minimum", AsView::view(self), other.view(), |a, b| {
            extreme2(a, b, false)
        })
    }

    /// `a^b` of each pair (numpy's `power`, C99 `pow`): `0^0 = 1`, `NaN^0 = 1`, `1^NaN = 1`. The shapes broadcast as for `+`: (A) with (B) -> the broadcast shape.
    ///
    /// # Panics
    /// When `Dyn` sizes do not broadcast at run time (see `try_pow`).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let a = tensor![[1., 2.], [3., 4.]];
    /// let b: Vector<f64, 2> = tensor![4., 5.];
    /// assert_eq!(a.pow(&b).as_slice(), &[1., 32., 81., 1024.]); // (2, 2) with (2,) -> (2, 2)
    /// ```
    #[track_caller]
    pub fn pow<S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Tensor<T, <S as BroadcastShapes<S2>>::Out>
    where
        S: BroadcastShapes<S2>,
    {
        unwrap_or_panic(self.try_pow(other))
    }

    /// `pow` that returns an error when `Dyn` sizes do not broadcast.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    /// assert!(a.try_pow(&b).unwrap_err().to_string().contains("(3,) and (4,)"));
    /// ```
    pub fn try_pow<S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as BroadcastShapes<S2>>::Out>, ShapeError>
    where
        S: BroadcastShapes<S2>,
    {
        try_broadcast_zip_sync("pow", AsView::view(self), other.view(), |a, b| a.powf(b))
    }
}
