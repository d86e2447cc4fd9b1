//! Cosine similarity of all pairs of rows: (N, F) with (M, F) -> (N, M).

use crate::dim::{AnyDim, SameDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::gemm::{self, MatMut, MatRef};
use crate::scalar::Float;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor};

impl<T: Float, N: AnyDim, F: AnyDim, D: Data<T>> Tensor<T, (N, F), D> {
    /// The cosine similarity of every row of `self` with every row of `other`:
    /// `s_ij = <x_i, y_j> / ((||x_i||_2 + eps) (||y_j||_2 + eps))`, (N, F) with (M, F) -> (N, M).
    ///
    /// Rows of different static lengths do not compile. The rows are normalised first
    /// (overflow- and underflow-safe), so huge or tiny entries give the right cosines.
    ///
    /// numpy: `Xn = X / (norm(X, axis=1, keepdims=True) + eps)`, same for `Y`, then `Xn @ Yn.T`.
    ///
    /// # Panics
    /// When `Dyn` row lengths differ at run time (see `try_cosine_similarity`).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<f64, 2, 2> = tensor![[1., 0.], [1., 1.]];
    /// let y: Matrix<f64, 3, 2> = tensor![[2., 0.], [0., 3.], [-1., -1.]];
    /// let s: Matrix<f64, 2, 3> = x.cosine_similarity(&y, 0.0);
    /// assert!((s[[0, 0]] - 1.0).abs() < 1e-15);
    /// assert!(s[[0, 1]].abs() < 1e-15);
    /// assert!((s[[1, 2]] + 1.0).abs() < 1e-15);
    /// ```
    #[track_caller]
    pub fn cosine_similarity<M: AnyDim, F2: AnyDim>(
        &self,
        other: &impl AsView<T, (M, F2)>,
        eps: T,
    ) -> Tensor<T, (N, M)>
    where
        F: SameDim<F2>,
    {
        unwrap_or_panic(self.try_cosine_similarity(other, eps))
    }

    /// `cosine_similarity` that returns an error when `Dyn` row lengths differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let x = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(4), Dyn(3)));
    /// let y = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(5), Dyn(2)));
    /// let err = x.try_cosine_similarity(&y, 1e-8).unwrap_err();
    /// assert_eq!(err.to_string(),
    ///     "cosine_similarity: lhs (4, 3) and rhs (5, 2) have rows of different lengths (3 vs 2)");
    /// ```
    pub fn try_cosine_similarity<M: AnyDim, F2: AnyDim>(
        &self,
        other: &impl AsView<T, (M, F2)>,
        eps: T,
    ) -> Result<Tensor<T, (N, M)>, ShapeError>
    where
        F: SameDim<F2>,
    {
        let (a, b) = (AsView::view(self), other.view());
        let ([n, d], [m, d2]) = (a.dims(), b.dims());
        if d != d2 {
            return Err(ShapeError::pair(
                "cosine_similarity",
                &a.dims(),
                &b.dims(),
                format!(
                    "lhs {} and rhs {} have rows of different lengths ({d} vs {d2})",
                    fmt_dims(&a.dims()),
                    fmt_dims(&b.dims())
                ),
            )
            .with_names(<(N, F)>::NAMES, <(M, F2)>::NAMES));
        }
        let xn = a.normalize_rows(eps);
        let yn = b.normalize_rows(eps);
        // All pairs at once: the normalised rows of x times the normalised rows of y,
        // transposed, as one GEMM (numpy's `Xn @ Yn.T`).
        let mut out = Tensor::<T, (N, M)>::zeros_with((a.shape().0, b.shape().0));
        if n > 0 && m > 0 && d > 0 {
            gemm::gemm(
                T::ONE,
                MatRef::new(xn.as_slice(), n, d, d, 1),
                MatRef::new(yn.as_slice(), m, d, d, 1).t(),
                T::ZERO,
                MatMut::new(out.as_mut_slice(), n, m, m, 1),
            );
        }
        Ok(out)
    }
}
