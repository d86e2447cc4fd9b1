//! The best rank-K approximation of a matrix (Eckart-Young): `A_K = U_K diag(s_K) V_K^T`.

use crate::dim::Dim;
use crate::error::{LinalgError, ShapeError};
use crate::gemm::{MatMut, MatRef, gemm};
use crate::ml::data_methods;
use crate::scalar::Float;
use crate::tensor::{AsView, Tensor, TensorView, TensorViewMut};

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
    let kk = m.min(n);
    let (u, s, vt) = (f.u.as_slice(), f.s.as_slice(), f.vt.as_slice());
    // (U_K diag(s_K)) V_K^T by GEMM.
    let mut us = vec![T::ZERO; m * k];
    for (dst, src) in us.chunks_mut(k.max(1)).zip(u.chunks(kk.max(1))) {
        for ((d, &x), &sl) in dst.iter_mut().zip(src).zip(s) {
            *d = x * sl;
        }
    }
    let mut out = vec![T::ZERO; m * n];
    gemm(
        T::ONE,
        MatRef::new(&us, m, k, k, 1),
        MatRef::new(vt, k, n, n, 1),
        T::ZERO,
        MatMut::try_new(&mut out, m, n, n, 1).expect("distinct elements"),
    );
    Ok(Tensor::from_vec(a.shape(), out).expect("sizes of the approximation"))
}

data_methods! {
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
