//! Symmetric eigendecomposition `A = V diag(w) V^T` with `w` ascending.
//!
//! The kernel is `kernels/eigh.rs` (over column-major slices); this file checks, scales and
//! copies the lower triangle into it and builds the typed factors.
//!
//! Method: Householder tridiagonalisation `A = Q T Q^T` (blocked, `kernels/reduce.rs`;
//! reading the lower triangle, as numpy's default `UPLO='L'`), then the eigenproblem of the
//! tridiagonal `T`:
//! - with vectors, from 33 rows on: divide and conquer (`kernels/tridiag_dc.rs`: Cuppen's
//!   splitting, deflation, secular-equation roots, Gu-Eisenstat vectors), whose merges are
//!   GEMMs;
//! - values alone, and below 33 rows: implicit symmetric QR sweeps with Wilkinson's shift,
//!   the rotations applied to the vectors `Z` of `T` (from the identity) as they are made;
//!   divide and conquer also solves its leaves of up to 32 rows this way.
//!
//! With vectors, `V = Q Z` by applying the reflectors to `Z` in compact-WY blocks.
//!
//! Why: at n = 1024 the QR sweeps spent two thirds of their time applying rotations to `Q`
//! (about `6 n^3` flops of level-1 work); divide and conquer does its `O(n^3)` work as GEMM
//! and deflation removes much of it. Its eigenvalues carry the same `eps |A|` error bound and
//! its vectors are orthogonal to working precision, clusters included (tests/linalg_eigh.rs).
//!
//! Every iteration is bounded ([`LinalgError::NoConvergence`] when a bound is hit); the input
//! is scaled by its largest magnitude first, so that entries near the overflow or underflow
//! limits are handled.

use crate::dim::AnyDim;
use crate::error::{LinalgError, ShapeError};
use crate::linalg::SquareDims;
use crate::linalg::kernels::eigh::eigh_kernel;
use crate::linalg::svd::recompose;
use crate::scalar::Float;
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

/// The eigendecomposition `A = V diag(w) V^T` of a symmetric (N, N) matrix: `values` (N,)
/// ascending, `vectors` (N, N) orthonormal, column `i` belonging to `values[i]`.
///
/// Each eigenvector is unique only up to sign when the eigenvalues are distinct.
#[derive(Clone, Debug)]
pub struct SymmetricEigen<T, N: AnyDim> {
    /// The eigenvalues, ascending: (N,).
    pub values: Tensor<T, (N,)>,
    /// The eigenvectors, as columns: (N, N).
    pub vectors: Tensor<T, (N, N)>,
}

impl<T: Float, N: AnyDim> SymmetricEigen<T, N> {
    /// The product `V diag(w) V^T`: (N, N), the matrix decomposed.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 1.], [1., 2.]];
    /// let back = a.eigh()?.reconstruct();
    /// for (x, y) in back.iter().zip(a.iter()) {
    ///     assert!((x - y).abs() < 1e-14);
    /// }
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn reconstruct(&self) -> Tensor<T, (N, N)> {
        recompose(
            self.vectors.view(),
            self.values.as_slice(),
            self.vectors.t(),
        )
    }
}

/// The eigenvalues (ascending) and, when `want_vectors`, the row-major eigenvectors of a
/// symmetric matrix view, and its size. The shape is erased here: [`eigh_raw`] is compiled
/// once per element type, in this library ([`Kernels`](crate::linalg::instances::Kernels)).
#[inline]
pub(crate) fn eigh_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
    want_vectors: bool,
) -> Result<(Vec<T>, Vec<T>, usize), LinalgError> {
    T::eigh(a.raw_data(), a.dims(), a.strides(), want_vectors)
}

/// [`eigh_of`] for the matrix `data[i * rs + j * cs]` (`[m, n] = dims`, `[rs, cs] =
/// strides`).
#[inline(never)]
pub(crate) fn eigh_raw<T: Float>(
    data: &[T],
    dims: [usize; 2],
    strides: [usize; 2],
    want_vectors: bool,
) -> Result<(Vec<T>, Vec<T>, usize), LinalgError> {
    let op = "eigh";
    let [m, n] = dims;
    if m != n {
        return Err(
            ShapeError::new(op, &[m, n], format!("the matrix ({m}, {n}) is not square")).into(),
        );
    }
    let [rs, cs] = strides;
    // The largest magnitude of the lower triangle, the only part read: a NaN above the
    // diagonal is ignored, as numpy's `eigh` (UPLO = 'L') ignores it.
    let mut amax = T::ZERO;
    for i in 0..n {
        for j in 0..=i {
            let x = data[i * rs + j * cs];
            if !x.is_finite() {
                return Err(LinalgError::NonFinite { op });
            }
            amax = amax.max(x.abs());
        }
    }
    let scale = if amax > T::ZERO { amax } else { T::ONE };
    // Column-major lower triangle (the upper triangle is not read).
    let mut buf = vec![T::ZERO; n * n];
    for j in 0..n {
        for i in j..n {
            buf[i + j * n] = data[i * rs + j * cs] / scale;
        }
    }
    let (mut w, q) = eigh_kernel(&mut buf, n, want_vectors)
        .map_err(|iterations| LinalgError::NoConvergence { op, iterations })?;
    for x in &mut w {
        *x *= scale;
    }
    // Row-major vectors: element (i, j) is q[i + j n].
    let mut vrow = Vec::new();
    if want_vectors {
        vrow = vec![T::ZERO; n * n];
        for j in 0..n {
            for i in 0..n {
                vrow[i * n + j] = q[i + j * n];
            }
        }
    }
    Ok((w, vrow, n))
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The eigendecomposition of a symmetric matrix: (N, N) -> values (N,) ascending,
    /// vectors (N, N) with `A V = V diag(values)`. Only the lower triangle is read (numpy's
    /// `eigh` default); a non-square static matrix does not compile.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] when the lower triangle holds NaN or an infinity;
    /// [`LinalgError::Shape`] when `Dyn` sizes make the matrix non-square;
    /// [`LinalgError::NoConvergence`] if the QR sweeps reach their bound (`30 N + 100`, of
    /// the whole matrix or of a divide-and-conquer leaf) or a secular-equation root its bound
    /// of 100 iterations.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 1.], [1., 2.]];
    /// let eig = a.eigh()?;
    /// assert!((eig.values[[0]] - 1.0).abs() < 1e-14);
    /// assert!((eig.values[[1]] - 3.0).abs() < 1e-14);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn eigh(&self) -> Result<SymmetricEigen<T, M>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let (w, v, n) = eigh_of(AsView::view(self), true)?;
        let nd = <M as AnyDim>::try_from_size(n).expect("square size");
        Ok(SymmetricEigen {
            values: Tensor::from_data((nd,), w),
            vectors: Tensor::from_data((nd, nd), v),
        })
    }

    /// The eigenvalues of a symmetric matrix alone, ascending: (N, N) -> (N,). Cheaper than
    /// [`eigh`](Tensor::eigh): no vectors are formed.
    ///
    /// # Errors
    /// As [`eigh`](Tensor::eigh).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., -1.]];
    /// assert_eq!(a.eigvalsh()?.as_slice(), &[-1.0, 2.0]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn eigvalsh(&self) -> Result<Tensor<T, (M,)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let (w, _, n) = eigh_of(AsView::view(self), false)?;
        let nd = <M as AnyDim>::try_from_size(n).expect("square size");
        Ok(Tensor::from_data((nd,), w))
    }
}
