//! Column standardisation: zero mean and unit variance per feature.

use crate::dim::Dim;
use crate::scalar::Float;
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

/// Per-column means of an (N, D) view, accumulated in row order.
pub(crate) fn column_means<T: Float, M: Dim, N: Dim>(x: &TensorView<'_, T, (M, N)>) -> Vec<T> {
    let [n, d] = x.dims();
    let mut mean = vec![T::ZERO; d];
    for i in 0..n {
        for (j, mj) in mean.iter_mut().enumerate() {
            *mj += x[[i, j]];
        }
    }
    if n > 0 {
        let inv = T::of(n as f64);
        for mj in &mut mean {
            *mj /= inv;
        }
    }
    mean
}

impl<T: Float, M: Dim, N: Dim, D: Data<T>> Tensor<T, (M, N), D> {
    /// Each column centred to mean 0 and scaled to variance 1 (population variance, ddof 0,
    /// as scikit-learn's `StandardScaler`): (N, D) -> (N, D). A constant column is only
    /// centred (it becomes zeros); NaN entries propagate to their column.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<f64, 4, 2> = tensor![[1., 5.], [2., 5.], [3., 5.], [4., 5.]];
    /// let z = x.standardize();
    /// let col0: Vec<f64> = (0..4).map(|i| z[[i, 0]]).collect();
    /// let sd = (1.25f64).sqrt();
    /// assert_eq!(col0, vec![-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd]);
    /// assert_eq!(z[[2, 1]], 0.0);
    /// ```
    pub fn standardize(&self) -> Tensor<T, (M, N)> {
        let v = AsView::view(self);
        let [n, d] = v.dims();
        let mean = column_means(&v);
        let mut var = vec![T::ZERO; d];
        for i in 0..n {
            for (j, vj) in var.iter_mut().enumerate() {
                let c = v[[i, j]] - mean[j];
                *vj += c * c;
            }
        }
        let sd: Vec<T> = var
            .iter()
            .map(|&s| {
                let sd = (s / T::of(n.max(1) as f64)).sqrt();
                if sd == T::ZERO { T::ONE } else { sd }
            })
            .collect();
        Tensor::from_fn_with(v.shape(), |[i, j]| (v[[i, j]] - mean[j]) / sd[j])
    }
}
