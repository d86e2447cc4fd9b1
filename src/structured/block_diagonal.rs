//! [`BlockDiagonal`]: a matrix made of dense blocks along its diagonal.

use crate::dim::{Dim, Dyn};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::operator::{LinearOperator, matvec_by};
use crate::scalar::Scalar;
use crate::tensor::{AsView, Tensor};

/// The block-diagonal matrix `diag(B_1, .., B_k)`: the dense blocks `B_i` (M_i, N_i) along the
/// diagonal and zeros elsewhere, of shape (sum M_i, sum N_i). Its product with a vector is one
/// small dense product per block, each independent of the others.
///
/// The number and sizes of the blocks are run-time data, so the dims are `Dyn`.
///
/// ```
/// use shaped::structured::BlockDiagonal;
/// use shaped::{Dyn, Tensor};
/// let b1 = Tensor::<f64, (Dyn, Dyn)>::from_vec((Dyn(1), Dyn(2)), vec![1.0, 2.0])?;
/// let b2 = Tensor::<f64, (Dyn, Dyn)>::from_vec((Dyn(2), Dyn(1)), vec![3.0, 4.0])?;
/// let a = BlockDiagonal::new(vec![b1, b2]); // (3, 3)
/// assert_eq!(a.dims(), [3, 3]);
/// assert_eq!(a.to_dense().as_slice(), &[1., 2., 0., 0., 0., 3., 0., 0., 4.]);
/// let x = Tensor::<f64, (Dyn,)>::from_vec((Dyn(3),), vec![1.0, 1.0, 2.0])?;
/// assert_eq!(a.matvec(&x).as_slice(), &[3.0, 6.0, 8.0]);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BlockDiagonal<T> {
    blocks: Vec<Tensor<T, (Dyn, Dyn)>>,
    rows: usize,
    cols: usize,
}

impl<T: Scalar> BlockDiagonal<T> {
    /// The block-diagonal matrix with the given blocks, top left to bottom right.
    pub fn new(blocks: Vec<Tensor<T, (Dyn, Dyn)>>) -> Self {
        let rows = blocks.iter().map(|b| b.dims()[0]).sum();
        let cols = blocks.iter().map(|b| b.dims()[1]).sum();
        BlockDiagonal { blocks, rows, cols }
    }

    /// The blocks, top left to bottom right.
    pub fn blocks(&self) -> &[Tensor<T, (Dyn, Dyn)>] {
        &self.blocks
    }

    /// The sizes `[sum M_i, sum N_i]`.
    pub fn dims(&self) -> [usize; 2] {
        [self.rows, self.cols]
    }

    /// The product with a vector: (M, N) x (N,) -> (M,), block by block.
    ///
    /// # Panics
    /// When the vector's length differs from N (see [`Self::try_matvec`]).
    #[track_caller]
    pub fn matvec<K: Dim>(&self, x: &impl AsView<T, (K,)>) -> Tensor<T, (Dyn,)> {
        unwrap_or_panic(self.try_matvec(x))
    }

    /// [`Self::matvec`], returning an error when the vector's length differs from N.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::structured::BlockDiagonal;
    /// use shaped::{Dyn, Tensor};
    /// let a = BlockDiagonal::new(vec![Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(2), Dyn(2)))]);
    /// let x = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
    /// assert_eq!(
    ///     a.try_matvec(&x).unwrap_err().to_string(),
    ///     "block_diagonal matvec: lhs (2, 2) has 2 columns but x (3,) has 3 elements"
    /// );
    /// ```
    pub fn try_matvec<K: Dim>(
        &self,
        x: &impl AsView<T, (K,)>,
    ) -> Result<Tensor<T, (Dyn,)>, ShapeError> {
        // No `InnerDim` bound (unlike the trait's `try_matvec`): any vector, checked at run time.
        matvec_by(self, x, |x, y| self.apply(x, y))
    }

    /// The dense (M, N) matrix.
    pub fn to_dense(&self) -> Tensor<T, (Dyn, Dyn)> {
        LinearOperator::to_dense(self)
    }
}

/// One small dense product per block; the blocks written along the diagonal of zeros.
impl<T: Scalar> LinearOperator<T> for BlockDiagonal<T> {
    type Rows = Dyn;
    type Cols = Dyn;
    const MATVEC_OP: &'static str = "block_diagonal matvec";

    fn shape(&self) -> (Dyn, Dyn) {
        (Dyn(self.rows), Dyn(self.cols))
    }

    fn apply(&self, x: &[T], y: &mut [T]) {
        let (mut r0, mut c0) = (0, 0);
        for b in &self.blocks {
            let [br, bc] = b.dims();
            let xb = &x[c0..c0 + bc];
            if bc > 0 {
                for (yi, row) in y[r0..r0 + br].iter_mut().zip(b.as_slice().chunks_exact(bc)) {
                    *yi = row
                        .iter()
                        .zip(xb)
                        .fold(T::ZERO, |acc, (&a, &v)| acc + a * v);
                }
            }
            r0 += br;
            c0 += bc;
        }
    }

    fn write_dense(&self, out: &mut [T]) {
        let n = self.cols;
        let (mut r0, mut c0) = (0, 0);
        for b in &self.blocks {
            let [br, bc] = b.dims();
            for i in 0..br {
                out[(r0 + i) * n + c0..(r0 + i) * n + c0 + bc]
                    .copy_from_slice(&b.as_slice()[i * bc..(i + 1) * bc]);
            }
            r0 += br;
            c0 += bc;
        }
    }
}
