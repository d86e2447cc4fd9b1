//! [`Circulant`]: a matrix whose rows are the cyclic shifts of one vector.

use std::sync::OnceLock;

use crate::dim::Dim;

use crate::operator::{LinearOperator, dense_by};
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

crate::operator::operator_methods! {
    impl<T: FftScalar, N: Dim> Circulant<T, N>;
    rows N, cols N;
    matvec_example "use shaped::structured::Circulant;\nuse shaped::{Vector, tensor};\nlet c = Circulant::new(&tensor![0.0, 1.0, 0.0, 0.0]); // the cyclic shift down by one\nlet x: Vector<f64, 4> = tensor![1.0, 2.0, 3.0, 4.0];\nassert_eq!(c.matvec(&x).as_slice(), &[4.0, 1.0, 2.0, 3.0]);";
    try_matvec_example "use shaped::structured::Circulant;\nuse shaped::{Dyn, Tensor};\nlet c = Circulant::new(&Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),)));\nlet x = Tensor::<f64, (Dyn,)>::ones_with((Dyn(2),));\nassert_eq!(\n    c.try_matvec(&x).unwrap_err().to_string(),\n    \"circulant matvec: lhs (3, 3) has 3 columns but x (2,) has 2 elements\"\n);"; fft
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
