//! The full forms of the factorisations: `svd_full` (numpy's `full_matrices=True`: U (M, M),
//! Vt (N, N)) and `qr_complete` (numpy's `mode='complete'`: Q (M, M), R (M, N)).
//!
//! The full SVD is the thin one (`svd.rs`) with its singular vectors completed to orthonormal
//! bases by a complete QR of each (`kernels/full.rs`): the extra columns of U and rows of Vt
//! belong to no singular value, so any orthonormal completion is valid (as LAPACK's).

use crate::derived::MinOf;
use crate::dim::AnyDim;
use crate::error::LinalgError;
use crate::linalg::check_finite;
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::full::{complete_basis, form_full_q};
use crate::linalg::kernels::qr as kq;
use crate::linalg::svd::{recompose, thin_svd};
use crate::ops::kernels::{amax, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::tensor::{AsView, Data, Tensor};

/// A full singular value decomposition `A = U Sigma V^T` of an (M, N) matrix, made by
/// `a.svd_full()`: `u` (M, M) and `vt` (N, N) orthogonal, `s` (K,) descending with
/// K = `MinOf<M, N>` (Sigma is (M, N) with `s` on its diagonal). The first K columns of `u`
/// and rows of `vt` are those of the thin [`Svd`](crate::Svd); the others complete them to
/// orthonormal bases (unique only as a subspace).
#[derive(Clone, Debug)]
pub struct SvdFull<T, M: AnyDim, N: AnyDim> {
    /// The left singular vectors and their completion, as columns: (M, M).
    pub u: Tensor<T, (M, M)>,
    /// The singular values, descending: (K,).
    pub s: Tensor<T, (MinOf<M, N>,)>,
    /// The right singular vectors and their completion, as rows: (N, N).
    pub vt: Tensor<T, (N, N)>,
}

impl<T: Float, M: AnyDim, N: AnyDim> SvdFull<T, M, N> {
    /// The product `U[:, :K] diag(s) Vt[:K, :]`: (M, N), the matrix decomposed.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 3, 2> = tensor![[1., 2.], [3., 4.], [5., 6.]];
    /// let back = a.svd_full()?.reconstruct();
    /// assert!(back.iter().zip(a.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn reconstruct(&self) -> Tensor<T, (M, N)> {
        let k = self.s.dims()[0];
        let [m, _] = self.u.dims();
        let [_, n] = self.vt.dims();
        let us: Vec<T> = (0..m)
            .flat_map(|i| (0..k).map(move |j| (i, j)))
            .map(|(i, j)| self.u[[i, j]])
            .collect();
        let kd = crate::dim::Dyn(k);
        let u = Tensor::from_data((self.u.shape().0, kd), us);
        let vt = Tensor::from_data(
            (kd, self.vt.shape().1),
            self.vt.as_slice()[..k * n].to_vec(),
        );
        recompose(u.view(), self.s.as_slice(), vt.view())
    }
}

/// A complete QR factorisation `A = Q R` of an (M, N) matrix, made by `a.qr_complete()`:
/// Q (M, M) orthogonal, R (M, N) upper trapezoidal (zero below the diagonal). The first
/// `min(M, N)` columns of Q and rows of R are those of the thin [`Qr`](crate::Qr).
#[derive(Clone, Debug)]
pub struct QrComplete<T, M: AnyDim, N: AnyDim> {
    /// Q (M, M), orthogonal.
    pub q: Tensor<T, (M, M)>,
    /// R (M, N), upper trapezoidal.
    pub r: Tensor<T, (M, N)>,
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The full SVD (numpy's `svd(a, full_matrices=True)`): (M, N) -> u (M, M), s (K,),
    /// vt (N, N), K = `MinOf<M, N>`.
    ///
    /// # Errors
    /// As [`svd`](Tensor::svd): [`LinalgError::NonFinite`] for NaN or infinite entries,
    /// [`LinalgError::NoConvergence`] if an iteration reaches its bound.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 3, 2> = tensor![[2., 0.], [0., 1.], [0., 0.]];
    /// let f = a.svd_full()?;
    /// assert_eq!(f.u.dims(), [3, 3]);
    /// assert_eq!(f.vt.dims(), [2, 2]);
    /// assert_eq!(f.s.as_slice(), &[2., 1.]);
    /// let utu = f.u.t().matmul(&f.u);
    /// assert!((utu[[2, 2]] - 1.0).abs() < 1e-15 && utu[[0, 2]].abs() < 1e-15);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn svd_full(&self) -> Result<SvdFull<T, M, N>, LinalgError> {
        let a = AsView::view(self);
        let (dm, dn) = a.shape();
        let t = thin_svd(&a, "svd_full", true)?;
        let (m, n, k) = (t.m, t.n, t.k);
        // U: the thin columns, then the completion (column-major m x (m - k)).
        let mut uc = vec![T::ZERO; m * k];
        copy_map(m, k, &t.u, k, 1, &mut uc, 1, m, |x| x);
        let ue = complete_basis(&uc, m, k);
        let mut u = vec![T::ZERO; m * m];
        copy_map(m, k, &t.u, k, 1, &mut u, m, 1, |x| x);
        let mut u_ext = vec![T::ZERO; m * (m - k)];
        copy_map(m, m - k, &ue, 1, m, &mut u_ext, m - k, 1, |x| x);
        for i in 0..m {
            u[i * m + k..i * m + m].copy_from_slice(&u_ext[i * (m - k)..(i + 1) * (m - k)]);
        }
        // Vt: the thin rows (V's columns, column-major n x k is Vt row-major), then the
        // completion's columns as rows.
        let ve = complete_basis(&t.vt, n, k);
        let mut vt = t.vt.clone();
        vt.extend_from_slice(&ve);
        Ok(SvdFull {
            u: Tensor::from_data((dm, dm), u),
            s: Tensor::from_data((MinOf::<M, N>::derived(k),), t.s),
            vt: Tensor::from_data((dn, dn), vt),
        })
    }

    /// The complete QR factorisation (numpy's `qr(a, mode='complete')`): (M, N) ->
    /// Q (M, M) orthogonal, R (M, N) upper trapezoidal. Householder, signs as LAPACK's.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite input.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 3, 1> = tensor![[3.], [4.], [0.]];
    /// let f = a.qr_complete()?;
    /// assert_eq!(f.q.dims(), [3, 3]);
    /// assert!((f.r[[0, 0]].abs() - 5.0).abs() < 1e-12);
    /// assert_eq!(f.r[[1, 0]], 0.0);
    /// let back = f.q.matmul(&f.r);
    /// assert!(back.iter().zip(a.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn qr_complete(&self) -> Result<QrComplete<T, M, N>, LinalgError> {
        let a = AsView::view(self);
        let [m, n] = a.dims();
        let [rs, cs] = a.strides();
        let (dm, dn) = a.shape();
        let mut w = vec![T::ZERO; m * n];
        copy_map(m, n, a.raw_data(), rs, cs, &mut w, 1, m, |x| x);
        check_finite("qr_complete", &w)?;
        let scale = range_exponent(amax(&w));
        scale_pow2(&mut w, scale.into());
        let kk = m.min(n);
        let mut tau = vec![T::ZERO; kk];
        if kk > 0 {
            kq::qr(&mut w, m, n, m, &mut tau);
        }
        let qc = form_full_q(&w, m, m, &tau);
        let mut q = vec![T::ZERO; m * m];
        copy_map(m, m, &qc, 1, m, &mut q, m, 1, |x| x);
        let mut r = vec![T::ZERO; m * n];
        for i in 0..m {
            for j in i..n {
                r[i * n + j] = w[j * m + i];
            }
        }
        scale_pow2(&mut r, -i64::from(scale));
        Ok(QrComplete {
            q: Tensor::from_data((dm, dm), q),
            r: Tensor::from_data((dm, dn), r),
        })
    }
}
