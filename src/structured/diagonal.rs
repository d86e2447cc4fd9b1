//! [`Diagonal`]: a square matrix stored as its diagonal.

use crate::dim::{Dim, InnerDim};
use crate::error::ShapeError;
use crate::operator::LinearOperator;
use crate::scalar::Scalar;
use crate::tensor::{AsView, Tensor};

/// The (N, N) matrix `diag(d)`, stored as its N diagonal entries.
///
/// ```
/// use shaped::structured::Diagonal;
/// use shaped::{Vector, tensor};
/// let d = Diagonal::new(&tensor![2.0, 3.0]);
/// let x: Vector<f64, 2> = tensor![1.0, 1.0];
/// assert_eq!(d.matvec(&x).as_slice(), &[2.0, 3.0]);
/// assert_eq!(d.to_dense().as_slice(), &[2.0, 0.0, 0.0, 3.0]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Diagonal<T, N: Dim> {
    d: Tensor<T, (N,)>,
}

impl<T: Scalar, N: Dim> Diagonal<T, N> {
    /// The diagonal matrix with diagonal `d`: (N,) -> (N, N).
    pub fn new(d: &impl AsView<T, (N,)>) -> Self {
        Diagonal {
            d: d.view().to_tensor(),
        }
    }

    /// The diagonal entries, (N,).
    pub fn diag(&self) -> &Tensor<T, (N,)> {
        &self.d
    }

    /// The size N of the (N, N) matrix.
    pub fn len(&self) -> usize {
        self.d.numel()
    }

    /// Whether the matrix is 0 x 0.
    pub fn is_empty(&self) -> bool {
        self.d.numel() == 0
    }

    /// The product with a vector, entry by entry: (N, N) x (N,) -> (N,).
    ///
    /// A static length that differs from N does not compile.
    ///
    /// # Panics
    /// When a `Dyn` length differs from N (see [`Self::try_matvec`]).
    ///
    /// ```
    /// use shaped::structured::Diagonal;
    /// use shaped::{Vector, tensor};
    /// let d = Diagonal::new(&tensor![1.0, -1.0, 0.5]);
    /// let x: Vector<f64, 3> = tensor![4.0, 4.0, 4.0];
    /// assert_eq!(d.matvec(&x).as_slice(), &[4.0, -4.0, 2.0]);
    /// ```
    #[track_caller]
    pub fn matvec<K: Dim>(&self, x: &impl AsView<T, (K,)>) -> Tensor<T, (N,)>
    where
        N: InnerDim<K>,
    {
        LinearOperator::matvec(self, x)
    }

    /// [`Self::matvec`], returning an error when a `Dyn` length differs from N.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::structured::Diagonal;
    /// use shaped::{Dyn, Tensor};
    /// let d = Diagonal::new(&Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),)));
    /// let x = Tensor::<f64, (Dyn,)>::ones_with((Dyn(2),));
    /// assert_eq!(
    ///     d.try_matvec(&x).unwrap_err().to_string(),
    ///     "diagonal matvec: lhs (3, 3) has 3 columns but x (2,) has 2 elements"
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

    /// The dense (N, N) matrix.
    pub fn to_dense(&self) -> Tensor<T, (N, N)> {
        LinearOperator::to_dense(self)
    }
}

/// `diag(d) x`, entry by entry; the dense matrix with `d` on its diagonal.
impl<T: Scalar, N: Dim> LinearOperator<T> for Diagonal<T, N> {
    type Rows = N;
    type Cols = N;
    const MATVEC_OP: &'static str = "diagonal matvec";

    fn shape(&self) -> (N, N) {
        let d = self.d.shape().0;
        (d, d)
    }

    fn apply(&self, x: &[T], y: &mut [T]) {
        for ((y, &d), &x) in y.iter_mut().zip(self.d.as_slice()).zip(x) {
            *y = d * x;
        }
    }

    fn write_dense(&self, out: &mut [T]) {
        let n = self.len();
        for (i, &d) in self.d.iter().enumerate() {
            out[i * n + i] = d;
        }
    }
}
