//! Complex tensors: the conjugate `conj()`, the conjugate transpose `h()`, the parts `re()` and
//! `im()`, the modulus `abs()` and the angle `arg()`, and [`Tensor::from_re_im`].
//!
//! A tensor of [`Complex<f32>`](crate::Complex) or [`Complex<f64>`](crate::Complex) is built
//! like a real one (`from_vec`, `tensor!`, `from_fn`) and does the same arithmetic (`+ - * /`
//! with broadcasting, `sum`, `matmul`, `dot`, the transposes), since those are bound by
//! [`Number`]. `conj()` and `h()` take any [`Number`] (the conjugate of a real number is
//! itself), so code written for complex tensors runs on real ones too.
//!
//! ```
//! use shaped::{tensor, Complex, Matrix};
//! let i = Complex::new(0.0, 1.0);
//! let a: Matrix<Complex<f64>, 2, 2> = tensor![[1.0.into(), i], [-i, 2.0.into()]];
//! assert_eq!(a.h(), a); // Hermitian
//! let aa = a.matmul(&a); // (2, 2) x (2, 2), through matrixmultiply's zgemm
//! assert_eq!(aa[[0, 0]], Complex::new(2.0, 0.0));
//! assert_eq!(a.abs().as_slice(), &[1.0, 1.0, 1.0, 2.0]);
//! ```

use num_complex::Complex;

use crate::dim::AnyDim;
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::{Float, Number};
use crate::shape::Shape;
use crate::tensor::{AsView, Data, Tensor};

impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The complex conjugate of every element (`a - bi` for `a + bi`), numpy's `conj`; a copy
    /// for a real tensor. Elementwise: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Vector};
    /// let z: Vector<Complex<f64>, 2> = tensor![Complex::new(1., 2.), Complex::new(3., -4.)];
    /// assert_eq!(z.conj().as_slice(), &[Complex::new(1., -2.), Complex::new(3., 4.)]);
    /// assert_eq!(z.conj().conj(), z);
    /// ```
    pub fn conj(&self) -> Tensor<T, S> {
        self.map(Number::conj)
    }
}

impl<T: Number, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The conjugate transpose `A^H` (the transpose of the conjugate; numpy's
    /// `a.conj().T`): (M, N) -> (N, M). For a real matrix it equals `t()`, copied.
    ///
    /// Unlike `t()` it is not a view, since every element changes.
    ///
    /// ```
    /// use shaped::{tensor, Complex, Matrix};
    /// let c = |re, im| Complex::new(re, im);
    /// let a: Matrix<Complex<f64>, 1, 2> = tensor![[c(1., 2.), c(3., -1.)]];
    /// let ah: Matrix<Complex<f64>, 2, 1> = a.h();
    /// assert_eq!(ah.as_slice(), &[c(1., -2.), c(3., 1.)]);
    /// // (A A^H) is Hermitian with the squared row norm on its diagonal.
    /// assert_eq!(a.matmul(&ah)[[0, 0]], c(15., 0.));
    /// ```
    pub fn h(&self) -> Tensor<T, (N, M)> {
        AsView::view(self).t().map(Number::conj)
    }
}

impl<T: Float, S: Shape, D: Data<Complex<T>>> Tensor<Complex<T>, S, D> {
    /// The real parts, as a real tensor: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Vector};
    /// let z: Vector<Complex<f32>, 2> = tensor![Complex::new(1., 2.), Complex::new(3., -4.)];
    /// assert_eq!(z.re().as_slice(), &[1., 3.]);
    /// ```
    pub fn re(&self) -> Tensor<T, S> {
        self.map(|z| z.re)
    }

    /// The imaginary parts, as a real tensor: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Vector};
    /// let z: Vector<Complex<f32>, 2> = tensor![Complex::new(1., 2.), Complex::new(3., -4.)];
    /// assert_eq!(z.im().as_slice(), &[2., -4.]);
    /// ```
    pub fn im(&self) -> Tensor<T, S> {
        self.map(|z| z.im)
    }

    /// The modulus `|a + bi| = sqrt(a^2 + b^2)` of every element, as a real tensor (numpy's
    /// `abs` of a complex array), computed without overflow or underflow (`hypot`):
    /// (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Vector};
    /// let z: Vector<Complex<f64>, 2> = tensor![Complex::new(3., -4.), Complex::new(3e200, 4e200)];
    /// let r = z.abs();
    /// assert_eq!(r[[0]], 5.);
    /// assert!((r[[1]] / 5e200 - 1.).abs() < 1e-15); // the squares would overflow
    /// ```
    pub fn abs(&self) -> Tensor<T, S> {
        self.map(|z| z.re.hypot(z.im))
    }

    /// The angle of every element in radians, in `[-pi, pi]` (numpy's `angle`; `atan2(b, a)`
    /// for `a + bi`), as a real tensor: (shape) -> (shape).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Vector};
    /// let z: Vector<Complex<f64>, 2> = tensor![Complex::new(0., 2.), Complex::new(-1., 0.)];
    /// assert_eq!(z.arg().as_slice(), &[std::f64::consts::FRAC_PI_2, std::f64::consts::PI]);
    /// ```
    pub fn arg(&self) -> Tensor<T, S> {
        self.map(|z| z.im.atan2(z.re))
    }
}

impl<T: Float, S: Shape> Tensor<Complex<T>, S> {
    /// The complex tensor `re + i im` from its real and imaginary parts, two real tensors of
    /// one shape (numpy's `re + 1j * im`): (shape), (shape) -> (shape).
    ///
    /// # Panics
    /// When `Dyn` dims make the shapes differ (see [`Self::try_from_re_im`]).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Tensor, Vector};
    /// let re: Vector<f64, 2> = tensor![1., 3.];
    /// let im: Vector<f64, 2> = tensor![2., -4.];
    /// let z = Tensor::from_re_im(&re, &im);
    /// assert_eq!(z.as_slice(), &[Complex::new(1., 2.), Complex::new(3., -4.)]);
    /// assert_eq!(z.re(), re);
    /// assert_eq!(z.im(), im);
    /// ```
    #[track_caller]
    pub fn from_re_im(re: &impl AsView<T, S>, im: &impl AsView<T, S>) -> Self {
        unwrap_or_panic(Self::try_from_re_im(re, im))
    }

    /// [`Self::from_re_im`] that returns an error when `Dyn` dims make the shapes differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Complex, Dyn, Tensor};
    /// let re = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    /// let im = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let err = Tensor::<Complex<f64>, (Dyn,)>::try_from_re_im(&re, &im).unwrap_err();
    /// assert_eq!(err.to_string(), "from_re_im: shapes (2,) and (3,) differ");
    /// ```
    pub fn try_from_re_im(
        re: &impl AsView<T, S>,
        im: &impl AsView<T, S>,
    ) -> Result<Self, ShapeError> {
        let (re, im) = (re.view(), im.view());
        if re.dims().as_ref() != im.dims().as_ref() {
            return Err(
                ShapeError::mismatch("from_re_im", re.dims().as_ref(), im.dims().as_ref())
                    .with_names(S::NAMES, S::NAMES),
            );
        }
        let data = re
            .iter()
            .zip(im.iter())
            .map(|(&a, &b)| Complex::new(a, b))
            .collect();
        Tensor::from_vec(re.shape(), data)
    }
}
