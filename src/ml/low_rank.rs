//! The best rank-K approximation of a matrix (Eckart-Young): `A_K = U_K diag(s_K) V_K^T`.

use crate::dim::Dim;
use crate::error::{LinalgError, ShapeError};
use crate::linalg::svd::recompose;
use crate::scalar::Float;
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

pub(crate) fn low_rank_of<T: Float, M: Dim, N: Dim>(
    a: TensorView<'_, T, (M, N)>,
    k: usize,
    op: &'static str,
) -> Result<Tensor<T, (M, N)>, LinalgError> {
    let [m, n] = a.dims();
    if k > m.min(n) {
        return Err(ShapeError::new(
            op,
            &[m, n],
            format!(
                "rank K = {k} exceeds min(M, N) = {} of the ({m}, {n}) matrix",
                m.min(n)
            ),
        )
        .into());
    }
    let f = a.svd()?;
    // U_K diag(s_K) V_K^T: the first K columns of U and rows of V^T.
    let (u, vt) = (
        f.u.view().slice_axis::<1>(0..k),
        f.vt.view().slice_axis::<0>(0..k),
    );
    Ok(recompose(u, &f.s.as_slice()[..k], vt))
}

impl<T: Float, M: Dim, N: Dim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The best approximation of rank `K` in the 2- and Frobenius norms (Eckart-Young):
    /// (M, N) -> (M, N), `A_K = U[:, :K] diag(s[:K]) Vt[:K, :]`. Its errors are
    /// `||A - A_K||_2 = s[K]` and `||A - A_K||_F = sqrt(sum_{i >= K} s_i^2)`.
    ///
    /// `K <= min(M, N)` is checked when the program is built, where M and N are static
    /// (under `cargo build`, not `cargo check`), and at run time otherwise.
    ///
    /// # Errors
    /// [`LinalgError::Shape`] when `K > min(M, N)` with `Dyn` sizes; the errors of
    /// [`svd`](Tensor::svd).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[3., 0.], [0., 1.]];
    /// let a1 = a.low_rank::<1>()?;
    /// assert!((a1[[0, 0]] - 3.0).abs() < 1e-15 && a1[[1, 1]].abs() < 1e-15);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn low_rank<const K: usize>(&self) -> Result<Tensor<T, (M, N)>, LinalgError> {
        const {
            if let (Some(m), Some(n)) = (M::STATIC, N::STATIC) {
                assert!(
                    K <= m && K <= n,
                    "low_rank::<K>(): K exceeds min(M, N) of the (M, N) matrix"
                );
            }
        }
        low_rank_of(AsView::view(self), K, "low_rank")
    }

    /// [`low_rank`](Tensor::low_rank) with K chosen at run time: (M, N) -> (M, N).
    ///
    /// # Errors
    /// [`LinalgError::Shape`] when `k > min(M, N)`; the errors of [`svd`](Tensor::svd).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[3., 0.], [0., 1.]];
    /// assert!(a.low_rank_dyn(3).is_err());
    /// assert_eq!(a.low_rank_dyn(2)?.dims(), [2, 2]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn low_rank_dyn(&self, k: usize) -> Result<Tensor<T, (M, N)>, LinalgError> {
        low_rank_of(AsView::view(self), k, "low_rank_dyn")
    }
}
