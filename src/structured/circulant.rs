//! [`Circulant`]: a matrix whose rows are the cyclic shifts of one vector.

use std::sync::OnceLock;

use crate::dim::{Dim, InnerDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::operator::{LinearOperator, dense_by, matvec_by};
use crate::scalar::Scalar;
use crate::tensor::{AsView, Tensor};

use super::Method;
use super::fft::{FftScalar, Spectrum, circular_with_spectrum, spectrum};
use super::kernels::{circular_direct, fft_wins};

/// The (N, N) circulant matrix with first column `c`: `C[i, j] = c[(i - j) mod N]`
/// (scipy's `linalg.circulant(c)`).
///
/// `C x` is the circular convolution of `c` and `x`, `real(ifft(fft(c) * fft(x)))`: direct
/// below a size threshold, by FFTs of length N above it, with the spectrum of `c` computed
/// once and kept.
///
/// ```
/// use shaped::structured::Circulant;
/// use shaped::{Vector, tensor};
/// let c = Circulant::new(&tensor![1.0, 2.0, 0.0]);
/// assert_eq!(c.to_dense().as_slice(), &[1., 0., 2., 2., 1., 0., 0., 2., 1.]);
/// let x: Vector<f64, 3> = tensor![1.0, 1.0, 0.0];
/// assert_eq!(c.matvec(&x).as_slice(), &[1.0, 3.0, 2.0]);
/// ```
#[derive(Clone, Debug)]
pub struct Circulant<T, N: Dim> {
    c: Tensor<T, (N,)>,
    spectrum: OnceLock<Spectrum<T>>,
}

impl<T: PartialEq, N: Dim> PartialEq for Circulant<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.c.as_slice() == other.c.as_slice()
    }
}

impl<T: Scalar, N: Dim> Circulant<T, N> {
    /// The circulant matrix with first column `c`: (N,) -> (N, N).
    pub fn new(c: &impl AsView<T, (N,)>) -> Self {
        Circulant {
            c: c.view().to_tensor(),
            spectrum: OnceLock::new(),
        }
    }

    /// The first column, (N,).
    pub fn first_col(&self) -> &Tensor<T, (N,)> {
        &self.c
    }

    /// The size N of the (N, N) matrix.
    pub fn len(&self) -> usize {
        self.c.numel()
    }

    /// Whether the matrix is 0 x 0.
    pub fn is_empty(&self) -> bool {
        self.c.numel() == 0
    }

    /// The dense (N, N) matrix.
    pub fn to_dense(&self) -> Tensor<T, (N, N)> {
        let d = self.c.shape().0;
        dense_by((d, d), |out| self.fill_dense(out))
    }

    /// The entries `C[i, j] = c[(i - j) mod N]` into the row-major (N, N) `out`.
    fn fill_dense(&self, out: &mut [T]) {
        let n = self.len();
        let c = self.c.as_slice();
        for (i, row) in out.chunks_exact_mut(n.max(1)).enumerate() {
            for (j, o) in row.iter_mut().enumerate() {
                *o = c[(i + n - j) % n];
            }
        }
    }
}

impl<T: FftScalar, N: Dim> Circulant<T, N> {
    /// The product with a vector: (N, N) x (N,) -> (N,), direct or by FFT by size.
    ///
    /// A static length that differs from N does not compile.
    ///
    /// # Panics
    /// When a `Dyn` length differs from N (see [`Self::try_matvec`]).
    ///
    /// ```
    /// use shaped::structured::Circulant;
    /// use shaped::{Vector, tensor};
    /// let c = Circulant::new(&tensor![0.0, 1.0, 0.0, 0.0]); // the cyclic shift down by one
    /// let x: Vector<f64, 4> = tensor![1.0, 2.0, 3.0, 4.0];
    /// assert_eq!(c.matvec(&x).as_slice(), &[4.0, 1.0, 2.0, 3.0]);
    /// ```
    #[track_caller]
    pub fn matvec<K: Dim>(&self, x: &impl AsView<T, (K,)>) -> Tensor<T, (N,)>
    where
        N: InnerDim<K>,
    {
        LinearOperator::matvec(self, x)
    }

    /// [`Self::matvec`] by the given [`Method`].
    ///
    /// # Panics
    /// When a `Dyn` length differs from N.
    #[track_caller]
    pub fn matvec_with<K: Dim>(&self, x: &impl AsView<T, (K,)>, method: Method) -> Tensor<T, (N,)>
    where
        N: InnerDim<K>,
    {
        unwrap_or_panic(self.try_matvec_with(x, method))
    }

    /// [`Self::matvec`], returning an error when a `Dyn` length differs from N.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::structured::Circulant;
    /// use shaped::{Dyn, Tensor};
    /// let c = Circulant::new(&Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),)));
    /// let x = Tensor::<f64, (Dyn,)>::ones_with((Dyn(2),));
    /// assert_eq!(
    ///     c.try_matvec(&x).unwrap_err().to_string(),
    ///     "circulant matvec: lhs (3, 3) has 3 columns but x (2,) has 2 elements"
    /// );
    /// ```
    pub fn try_matvec<K: Dim>(
        &self,
        x: &impl AsView<T, (K,)>,
    ) -> Result<Tensor<T, (N,)>, ShapeError>
    where
        N: InnerDim<K>,
    {
        LinearOperator::try_matvec(self, x)
    }

    /// [`Self::matvec_with`], returning an error when a `Dyn` length differs from N.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    pub fn try_matvec_with<K: Dim>(
        &self,
        x: &impl AsView<T, (K,)>,
        method: Method,
    ) -> Result<Tensor<T, (N,)>, ShapeError>
    where
        N: InnerDim<K>,
    {
        matvec_by(self, x, |x, y| self.apply_with(x, y, method))
    }

    /// `y = C x` on slices, by `method`.
    fn apply_with(&self, x: &[T], y: &mut [T], method: Method) {
        let n = self.len();
        let fft = n > 0
            && match method {
                Method::Direct => false,
                Method::Fft => true,
                // Non-finite entries stay in their rows by the direct method, as in the
                // dense product; the FFT would spread them to every output.
                Method::Auto => {
                    fft_wins((n * n) as f64, n)
                        && self.c.as_slice().iter().chain(x).all(|v| v.is_finite())
                }
            };
        if fft {
            let spec = self.spectrum.get_or_init(|| spectrum(self.c.as_slice(), n));
            circular_with_spectrum(spec, x, 0, y);
        } else {
            circular_direct(self.c.as_slice(), x, y);
        }
    }
}

/// `C x` by [`Method::Auto`]; the dense entries as [`Circulant::to_dense`].
impl<T: FftScalar, N: Dim> LinearOperator<T> for Circulant<T, N> {
    type Rows = N;
    type Cols = N;
    const MATVEC_OP: &'static str = "circulant matvec";

    fn shape(&self) -> (N, N) {
        let d = self.c.shape().0;
        (d, d)
    }

    fn apply(&self, x: &[T], y: &mut [T]) {
        self.apply_with(x, y, Method::Auto);
    }

    fn write_dense(&self, out: &mut [T]) {
        self.fill_dense(out);
    }
}
