//! Principal component analysis by the SVD of the centred data.

use crate::dim::{Const, Dim, Dyn, SameDim};
use crate::error::{LinalgError, ShapeError, unwrap_or_panic};
use crate::ml::standardize::column_means_raw;
use crate::scalar::Float;
use crate::shape::fmt_dims;
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

/// A fitted PCA of an (N, D) data matrix (N samples, D features) keeping K components.
///
/// With `Xc = X - mean = U diag(s) V^T`: `components` are the first K rows of `V^T`,
/// `explained_variance = s^2 / (N - 1)` and `explained_variance_ratio = s_K^2 / sum(s^2)`
/// over all singular values. Each component's sign is fixed so that its entry of largest
/// magnitude is positive.
#[derive(Clone, Debug)]
pub struct Pca<T, K: Dim, D: Dim> {
    /// The mean of each feature: (D,).
    pub mean: Tensor<T, (D,)>,
    /// The principal axes, as rows, by decreasing variance: (K, D).
    pub components: Tensor<T, (K, D)>,
    /// The singular values of the centred data for the K components: (K,).
    pub singular_values: Tensor<T, (K,)>,
    /// The variance of the data along each component, `s^2 / (N - 1)`: (K,).
    pub explained_variance: Tensor<T, (K,)>,
    /// The fraction of the total variance along each component: (K,).
    pub explained_variance_ratio: Tensor<T, (K,)>,
}

impl<T: Float, K: Dim, D: Dim> Pca<T, K, D> {
    /// Projects samples onto the components, `Z = (X - mean) components^T`:
    /// (N2, D) -> (N2, K).
    ///
    /// # Panics
    /// When a `Dyn` feature count differs from D (see [`try_transform`](Pca::try_transform)).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<f64, 4, 2> = tensor![[0., 0.], [2., 2.], [4., 4.], [6., 6.]];
    /// let pca = x.pca::<1>()?;
    /// let z = pca.transform(&x); // (4, 1): positions along the diagonal
    /// assert!((z[[3, 0]] - z[[0, 0]] - 6.0 * 2f64.sqrt()).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    #[track_caller]
    pub fn transform<N2: Dim, D2: Dim>(&self, x: &impl AsView<T, (N2, D2)>) -> Tensor<T, (N2, K)>
    where
        D: SameDim<D2>,
    {
        unwrap_or_panic(self.try_transform(x))
    }

    /// [`transform`](Pca::transform), returning an error when the feature counts differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when x's columns differ from D.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor, tensor, Matrix};
    /// let x: Matrix<f64, 3, 2> = tensor![[0., 1.], [1., 0.], [2., 2.]];
    /// let pca = x.pca::<1>().unwrap();
    /// let wrong = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// assert!(pca.try_transform(&wrong).is_err());
    /// ```
    pub fn try_transform<N2: Dim, D2: Dim>(
        &self,
        x: &impl AsView<T, (N2, D2)>,
    ) -> Result<Tensor<T, (N2, K)>, ShapeError>
    where
        D: SameDim<D2>,
    {
        let x = x.view();
        let [n2, d2] = x.dims();
        let [k, d] = self.components.dims();
        if d2 != d {
            return Err(ShapeError::pair(
                "pca transform",
                &[n2, d2],
                &[k, d],
                format!(
                    "samples {} have {d2} features but the components {} have {d}",
                    fmt_dims(&[n2, d2]),
                    fmt_dims(&[k, d])
                ),
            ));
        }
        let (n2dim, _) = x.shape();
        let mean = self.mean.as_slice();
        // (X - mean) components^T, the inner dim as `Dyn`: a generic D does not relate to
        // itself by `InnerDim` (yet), `Dyn` does.
        let xc = Tensor::from_fn_with((n2dim, Dyn(d)), |[i, j]| x[[i, j]] - mean[j]);
        let ct = self.components.view().slice_axis::<1>(0..d).t(); // (Dyn, K)
        Ok(xc.matmul(ct))
    }

    /// Maps projected samples back to feature space, `X ~ Z components + mean`:
    /// (N2, K) -> (N2, D). Exact for data that lie in the span of the components.
    ///
    /// # Panics
    /// When a `Dyn` component count differs from K.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<f64, 3, 2> = tensor![[1., 1.], [2., 2.], [3., 3.]];
    /// let pca = x.pca::<1>()?;
    /// let back = pca.inverse_transform(&pca.transform(&x));
    /// assert!(back.iter().zip(x.iter()).all(|(a, b)| (a - b).abs() < 1e-12));
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    #[track_caller]
    pub fn inverse_transform<N2: Dim, K2: Dim>(
        &self,
        z: &impl AsView<T, (N2, K2)>,
    ) -> Tensor<T, (N2, D)>
    where
        K: SameDim<K2>,
    {
        let z = z.view();
        let [n2, k2] = z.dims();
        let [k, d] = self.components.dims();
        if k2 != k {
            panic!(
                "pca inverse_transform: projections {} have {k2} components but the PCA has {k}",
                fmt_dims(&[n2, k2])
            );
        }
        // Z components + mean, the inner dim as `Dyn` (as in `try_transform`).
        let zk = z.slice_axis::<1>(0..k2); // (N2, Dyn)
        let comp = self.components.view().slice_axis::<0>(0..k); // (Dyn, D)
        let mut out = zk.matmul(comp);
        let mean = self.mean.as_slice();
        for row in out.as_mut_slice().chunks_mut(d.max(1)) {
            for (x, &mu) in row.iter_mut().zip(mean) {
                *x += mu;
            }
        }
        out
    }
}

fn pca_of<T: Float, M: Dim, N: Dim, K: Dim>(
    x: TensorView<'_, T, (M, N)>,
    kdim: K,
    op: &'static str,
) -> Result<Pca<T, K, N>, LinalgError> {
    let p = pca_raw(x.raw_data(), x.dims(), x.strides(), kdim.size(), op)?;
    let (_, ddim) = x.shape();
    Ok(Pca {
        mean: Tensor::from_data((ddim,), p.mean),
        components: Tensor::from_data((kdim, ddim), p.components),
        singular_values: Tensor::from_data((kdim,), p.singular_values),
        explained_variance: Tensor::from_data((kdim,), p.explained_variance),
        explained_variance_ratio: Tensor::from_data((kdim,), p.explained_variance_ratio),
    })
}

/// The parts of a [`Pca`] in row-major buffers.
struct PcaParts<T> {
    mean: Vec<T>,
    components: Vec<T>,
    singular_values: Vec<T>,
    explained_variance: Vec<T>,
    explained_variance_ratio: Vec<T>,
}

/// PCA of the `n x d` data `data[i * rs + j * cs]` (`[n, d] = dims`, `[rs, cs] = strides`)
/// keeping `k` components: the shape erased, so that this is compiled once per element type
/// rather than once per shape.
#[inline(never)]
fn pca_raw<T: Float>(
    data: &[T],
    dims: [usize; 2],
    strides: [usize; 2],
    k: usize,
    op: &'static str,
) -> Result<PcaParts<T>, LinalgError> {
    let [n, d] = dims;
    let [rs, cs] = strides;
    if k > n.min(d) {
        return Err(ShapeError::new(
            op,
            &[n, d],
            format!(
                "K = {k} components exceed min(N, D) = {} of the data {}",
                n.min(d),
                fmt_dims(&[n, d])
            ),
        )
        .into());
    }
    let at = |i: usize, j: usize| data[i * rs + j * cs];
    if (0..n).any(|i| (0..d).any(|j| !at(i, j).is_finite())) {
        return Err(LinalgError::NonFinite { op });
    }
    let mean = column_means_raw(data, [n, d], [rs, cs]);
    let mut xc = Vec::with_capacity(n * d);
    for i in 0..n {
        xc.extend((0..d).map(|j| at(i, j) - mean[j]));
    }
    let f = T::thin_svd(&xc, [n, d], [d, 1], "svd", true)?;
    let s = f.s.as_slice();
    let vt = f.vt.as_slice();
    // The ratio s_k^2 / sum s^2 from s / s_max (a scaled sum of squares): s^2 itself under-
    // or overflows for data below about 1e-154 or above 1e154 (f64).
    let smax = s.first().copied().unwrap_or(T::ZERO);
    let unit = if smax > T::ZERO && smax.is_finite() {
        smax
    } else {
        T::ONE
    };
    let total: T = s.iter().map(|&v| (v / unit) * (v / unit)).sum();
    let dof = T::of(n.saturating_sub(1) as f64);
    let mut comp = vt[..k * d].to_vec();
    for row in comp.chunks_mut(d.max(1)) {
        let big = row
            .iter()
            .fold(T::ZERO, |b, &v| if v.abs() > b.abs() { v } else { b });
        if big < T::ZERO {
            for v in row.iter_mut() {
                *v = -*v;
            }
        }
    }
    let sk: Vec<T> = s[..k].to_vec();
    let var: Vec<T> = sk.iter().map(|&v| v * v / dof).collect();
    let ratio: Vec<T> = sk
        .iter()
        .map(|&v| (v / unit) * (v / unit) / total)
        .collect();
    Ok(PcaParts {
        mean,
        components: comp,
        singular_values: sk,
        explained_variance: var,
        explained_variance_ratio: ratio,
    })
}

impl<T: Float, M: Dim, N: Dim, D: Data<T>> Tensor<T, (M, N), D> {
    /// Principal component analysis of an (N, D) data matrix (rows are samples) keeping `K`
    /// components: -> [`Pca`] with mean (D,), components (K, D) and the variances (K,).
    ///
    /// `K <= min(N, D)` is checked when the program is built where N and D are static
    /// (under `cargo build`, not `cargo check`), and at run time otherwise.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite data; [`LinalgError::Shape`] when
    /// `K > min(N, D)` with `Dyn` sizes; [`LinalgError::NoConvergence`] as for
    /// [`svd`](Tensor::svd). With a single sample the explained variances divide by zero.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<f64, 4, 2> = tensor![[1., 2.], [2., 4.1], [3., 5.9], [4., 8.]];
    /// let pca = x.pca::<1>()?;
    /// assert_eq!(pca.components.dims(), [1, 2]);
    /// assert!(pca.explained_variance_ratio[[0]] > 0.99); // the points lie near a line
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn pca<const K: usize>(&self) -> Result<Pca<T, Const<K>, N>, LinalgError> {
        const {
            if let (Some(n), Some(d)) = (M::STATIC, N::STATIC) {
                assert!(
                    K <= n && K <= d,
                    "pca::<K>(): K components exceed min(N, D) of the (N, D) data"
                );
            }
        }
        pca_of(AsView::view(self), Const::<K>, "pca")
    }

    /// [`pca`](Tensor::pca) with the number of components chosen at run time:
    /// (N, D) -> [`Pca`] with K = `Dyn(k)`.
    ///
    /// # Errors
    /// [`LinalgError::Shape`] when `k > min(N, D)`; otherwise as [`pca`](Tensor::pca).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<f64, 3, 2> = tensor![[0., 1.], [1., 0.], [2., 2.]];
    /// assert!(x.pca_dyn(3).is_err());
    /// assert_eq!(x.pca_dyn(2)?.components.dims(), [2, 2]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn pca_dyn(&self, k: usize) -> Result<Pca<T, crate::dim::Dyn, N>, LinalgError> {
        pca_of(AsView::view(self), crate::dim::Dyn(k), "pca_dyn")
    }
}
