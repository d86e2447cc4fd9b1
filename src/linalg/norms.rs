//! Matrix norms: nuclear and spectral (from the singular values), and the induced 1- and
//! inf-norms (column and row sums).

use crate::dim::AnyDim;
use crate::linalg::svd::thin_svd;
use crate::scalar::Float;
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

/// The largest of `acc` and `x`, NaN winning.
fn max_nan<T: Float>(acc: T, x: T) -> T {
    if acc.is_nan() || x.is_nan() {
        T::nan()
    } else {
        acc.max(x)
    }
}

fn singular_values_or_nan<T: Float, M: AnyDim, N: AnyDim>(a: TensorView<'_, T, (M, N)>) -> Vec<T> {
    match thin_svd(&a, "norm", false) {
        Ok(t) => t.s,
        Err(_) => vec![T::nan()],
    }
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The nuclear norm `||A||_* = sum_i s_i`, the sum of the singular values of an (M, N)
    /// matrix. NaN when the matrix holds NaN or an infinity; 0 for an empty matrix.
    /// Entries near the overflow limit are handled (the SVD scales its input).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[0., 3.], [4., 0.]];
    /// assert!((a.norm_nuc() - 7.0).abs() < 1e-14);
    /// ```
    pub fn norm_nuc(&self) -> T {
        singular_values_or_nan(AsView::view(self))
            .into_iter()
            .fold(T::ZERO, |a, b| a + b)
    }

    /// The spectral norm `||A||_2 = s_max`, the largest singular value of an (M, N) matrix.
    /// NaN when the matrix holds NaN or an infinity; 0 for an empty matrix.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[0., 3.], [4., 0.]];
    /// assert!((a.norm_spectral() - 4.0).abs() < 1e-14);
    /// ```
    pub fn norm_spectral(&self) -> T {
        singular_values_or_nan(AsView::view(self))
            .first()
            .copied()
            .unwrap_or(T::ZERO)
    }

    /// The induced 1-norm `||A||_1 = max_j sum_i |a_ij|`, the largest column sum of
    /// magnitudes of an (M, N) matrix (0 when empty, NaN when an entry is NaN).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., -2.], [3., 4.]];
    /// assert_eq!(a.norm_op1(), 6.0);
    /// ```
    pub fn norm_op1(&self) -> T {
        let v = AsView::view(self);
        let [m, n] = v.dims();
        (0..n).fold(T::ZERO, |acc, j| {
            max_nan(
                acc,
                (0..m).map(|i| v[[i, j]].abs()).fold(T::ZERO, |s, x| s + x),
            )
        })
    }

    /// The induced inf-norm `||A||_inf = max_i sum_j |a_ij|`, the largest row sum of
    /// magnitudes of an (M, N) matrix (0 when empty, NaN when an entry is NaN).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., -2.], [3., 4.]];
    /// assert_eq!(a.norm_opinf(), 7.0);
    /// ```
    pub fn norm_opinf(&self) -> T {
        let v = AsView::view(self);
        let [m, n] = v.dims();
        (0..m).fold(T::ZERO, |acc, i| {
            max_nan(
                acc,
                (0..n).map(|j| v[[i, j]].abs()).fold(T::ZERO, |s, x| s + x),
            )
        })
    }
}
