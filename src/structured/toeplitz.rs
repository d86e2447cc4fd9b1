//! [`Toeplitz`]: a matrix constant along each diagonal, stored as its first column and row.

use std::sync::OnceLock;

use crate::dim::{Dim, InnerDim};
use crate::error::{DataError, ShapeError, unwrap_or_panic};
use crate::operator::{LinearOperator, dense_by, matvec_by};
use crate::ops::kernels::is_nan;
use crate::scalar::Scalar;
use crate::shape::fmt_dims;
use crate::tensor::{AsView, Tensor};

use super::Method;
use super::fft::{FftScalar, Spectrum, circular_with_spectrum, conv_len, spectrum};
use super::kernels::{conv_range_direct, fft_wins};

/// The (M, N) Toeplitz matrix with first column `c` (M,) and first row `r` (N,):
/// `T[i, j] = c[i - j]` for `i >= j`, `r[j - i]` for `j > i` (scipy's `linalg.toeplitz(c, r)`).
///
/// Its product with a vector is a convolution: direct below a size threshold, by FFT
/// (O((M + N) log(M + N))) above it, with the spectrum of the matrix computed once and kept.
///
/// ```
/// use shaped::structured::Toeplitz;
/// use shaped::{Vector, tensor};
/// let c: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
/// let r: Vector<f64, 2> = tensor![1.0, -1.0];
/// let t = Toeplitz::new(&c, &r)?; // (3, 2)
/// assert_eq!(t.to_dense().as_slice(), &[1.0, -1.0, 2.0, 1.0, 3.0, 2.0]);
/// let x: Vector<f64, 2> = tensor![1.0, 1.0];
/// assert_eq!(t.matvec(&x).as_slice(), &[0.0, 3.0, 5.0]);
/// # Ok::<(), shaped::DataError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Toeplitz<T, M: Dim, N: Dim> {
    c: Tensor<T, (M,)>,
    r: Tensor<T, (N,)>,
    /// The sequence `r[N-1], .., r[1], c[0], .., c[M-1]` (the diagonals, from the top right
    /// corner to the bottom left): `T x` is the middle of its convolution with `x`.
    diagonals: Vec<T>,
    /// The spectrum of `diagonals` at the FFT length, computed on first use.
    spectrum: OnceLock<Spectrum<T>>,
}

impl<T: PartialEq, M: Dim, N: Dim> PartialEq for Toeplitz<T, M, N> {
    fn eq(&self, other: &Self) -> bool {
        self.c.as_slice() == other.c.as_slice() && self.r.as_slice() == other.r.as_slice()
    }
}

impl<T: Scalar, M: Dim, N: Dim> Toeplitz<T, M, N> {
    /// The Toeplitz matrix with first column `c` (M,) and first row `r` (N,): (M, N).
    ///
    /// # Errors
    /// [`DataError`] when `c` or `r` is empty, or when `c[0] != r[0]` (both are the corner
    /// entry `T[0, 0]`; scipy silently takes `c[0]`, here the disagreement is reported). NaN
    /// never agrees, so NaN in both corners is an error too.
    ///
    /// ```
    /// use shaped::structured::Toeplitz;
    /// use shaped::tensor;
    /// let e = Toeplitz::new(&tensor![1.0, 2.0], &tensor![1.5, 3.0]).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "toeplitz: the first column and the first row must agree at [0] (T[0, 0]), but c[0] = 1 and r[0] = 1.5"
    /// );
    /// ```
    pub fn new(c: &impl AsView<T, (M,)>, r: &impl AsView<T, (N,)>) -> Result<Self, DataError> {
        let (c, r) = (c.view().to_tensor(), r.view().to_tensor());
        let (cs, rs) = (c.as_slice(), r.as_slice());
        if cs.is_empty() || rs.is_empty() {
            return Err(DataError::invalid(
                "toeplitz",
                format!(
                    "the first column {} and the first row {} must both be non-empty",
                    fmt_dims(&[cs.len()]),
                    fmt_dims(&[rs.len()])
                ),
            ));
        }
        if cs[0] != rs[0] {
            // NaN agrees with nothing, itself included: say so rather than "NaN and NaN".
            let why = if is_nan(cs[0]) && is_nan(rs[0]) {
                "c[0] and r[0] are both NaN, which equals nothing (not even NaN)".to_string()
            } else {
                format!("c[0] = {} and r[0] = {}", cs[0], rs[0])
            };
            return Err(DataError::invalid(
                "toeplitz",
                format!(
                    "the first column and the first row must agree at [0] (T[0, 0]), but {why}"
                ),
            ));
        }
        let mut diagonals: Vec<T> = rs[1..].iter().rev().copied().collect();
        diagonals.extend_from_slice(cs);
        Ok(Toeplitz {
            c,
            r,
            diagonals,
            spectrum: OnceLock::new(),
        })
    }

    /// The first column, (M,).
    pub fn first_col(&self) -> &Tensor<T, (M,)> {
        &self.c
    }

    /// The first row, (N,).
    pub fn first_row(&self) -> &Tensor<T, (N,)> {
        &self.r
    }

    /// The sizes `[M, N]`.
    pub fn dims(&self) -> [usize; 2] {
        [self.c.numel(), self.r.numel()]
    }

    /// The dense (M, N) matrix.
    ///
    /// ```
    /// use shaped::structured::Toeplitz;
    /// use shaped::tensor;
    /// let t = Toeplitz::new(&tensor![0.0, 1.0], &tensor![0.0, 2.0, 3.0])?;
    /// assert_eq!(t.to_dense().as_slice(), &[0.0, 2.0, 3.0, 1.0, 0.0, 2.0]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn to_dense(&self) -> Tensor<T, (M, N)> {
        dense_by((self.c.shape().0, self.r.shape().0), |out| {
            self.fill_dense(out)
        })
    }

    /// The entries `T[i, j] = d[i + N - 1 - j]` (`d` the diagonals) into the row-major
    /// (M, N) `out`.
    fn fill_dense(&self, out: &mut [T]) {
        let n = self.r.numel();
        let d = &self.diagonals;
        for (i, row) in out.chunks_exact_mut(n).enumerate() {
            for (j, o) in row.iter_mut().enumerate() {
                *o = d[i + n - 1 - j];
            }
        }
    }
}

impl<T: FftScalar, M: Dim, N: Dim> Toeplitz<T, M, N> {
    /// The product with a vector: (M, N) x (N,) -> (M,), direct or by FFT by size.
    ///
    /// A static length that differs from N does not compile.
    ///
    /// # Panics
    /// When a `Dyn` length differs from N (see [`Self::try_matvec`]).
    ///
    /// ```
    /// use shaped::structured::Toeplitz;
    /// use shaped::{Vector, tensor};
    /// let t = Toeplitz::new(&tensor![2.0, 1.0], &tensor![2.0, 0.0])?;
    /// let x: Vector<f64, 2> = tensor![1.0, 3.0];
    /// assert_eq!(t.matvec(&x).as_slice(), &[2.0, 7.0]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    #[track_caller]
    pub fn matvec<K: Dim>(&self, x: &impl AsView<T, (K,)>) -> Tensor<T, (M,)>
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
    pub fn matvec_with<K: Dim>(&self, x: &impl AsView<T, (K,)>, method: Method) -> Tensor<T, (M,)>
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
    /// use shaped::structured::Toeplitz;
    /// use shaped::{Dyn, Tensor};
    /// let c = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
    /// let t = Toeplitz::new(&c, &c)?;
    /// let x = Tensor::<f64, (Dyn,)>::ones_with((Dyn(4),));
    /// assert_eq!(
    ///     t.try_matvec(&x).unwrap_err().to_string(),
    ///     "toeplitz matvec: lhs (3, 3) has 3 columns but x (4,) has 4 elements"
    /// );
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn try_matvec<K: Dim>(
        &self,
        x: &impl AsView<T, (K,)>,
    ) -> Result<Tensor<T, (M,)>, ShapeError>
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
    ) -> Result<Tensor<T, (M,)>, ShapeError>
    where
        N: InnerDim<K>,
    {
        matvec_by(self, x, |x, y| self.apply_with(x, y, method))
    }

    /// `y = T x` on slices, by `method`.
    fn apply_with(&self, x: &[T], y: &mut [T], method: Method) {
        let [m, n] = self.dims();
        // y[i] = sum_j d[i - j + n - 1] x[j]: indices n-1 .. n-1+m of conv(x, d).
        let (lo, hi) = (n - 1, n - 1 + m);
        let len = conv_len(n, m + n - 1, lo, hi);
        let fft = match method {
            Method::Direct => false,
            Method::Fft => true,
            // A NaN or an infinity would reach every output through the FFT; the direct
            // method keeps it to the rows it belongs to, as the dense product does.
            Method::Auto => {
                fft_wins((m * n) as f64, len)
                    && self.diagonals.iter().chain(x).all(|v| v.is_finite())
            }
        };
        if fft {
            let spec = self.spectrum.get_or_init(|| spectrum(&self.diagonals, len));
            circular_with_spectrum(spec, x, lo, y);
        } else {
            conv_range_direct(x, &self.diagonals, lo, y);
        }
    }
}

/// `T x` by [`Method::Auto`]; the dense entries as [`Toeplitz::to_dense`].
impl<T: FftScalar, M: Dim, N: Dim> LinearOperator<T> for Toeplitz<T, M, N> {
    type Rows = M;
    type Cols = N;
    const MATVEC_OP: &'static str = "toeplitz matvec";

    fn shape(&self) -> (M, N) {
        (self.c.shape().0, self.r.shape().0)
    }

    fn apply(&self, x: &[T], y: &mut [T]) {
        self.apply_with(x, y, Method::Auto);
    }

    fn write_dense(&self, out: &mut [T]) {
        self.fill_dense(out);
    }
}
