//! Column standardisation: zero mean and unit variance per feature.

use crate::dim::{Dim, SameDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Float;
use crate::shape::fmt_dims;
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

/// Per-column means of an (N, D) view, accumulated in row order.
pub(crate) fn column_means<T: Float, M: Dim, N: Dim>(x: &TensorView<'_, T, (M, N)>) -> Vec<T> {
    let [n, d] = x.dims();
    let [rs, cs] = x.strides();
    column_means_raw(x.raw_data(), [n, d], [rs, cs])
}

/// Per-column means of the `n x d` matrix at the start of `data` with strides `[rs, cs]`,
/// accumulated in row order (the one home of this loop, for `standardize` and `pca`).
pub(crate) fn column_means_raw<T: Float>(
    data: &[T],
    [n, d]: [usize; 2],
    [rs, cs]: [usize; 2],
) -> Vec<T> {
    let mut mean = vec![T::ZERO; d];
    for i in 0..n {
        for (j, mj) in mean.iter_mut().enumerate() {
            *mj += data[i * rs + j * cs];
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

/// Per-column standardisation fitted on training rows and applied to other rows, as
/// scikit-learn's `StandardScaler`: `fit` learns each column's mean and scale (the population
/// standard deviation, ddof 0; 1 for a constant column), `transform` maps rows to
/// `(x - mean) / scale`, `inverse_transform` maps them back. `x.standardize()` is the one-shot
/// form (fit and transform of the same rows).
///
/// ```
/// use shaped::{ml::Standardizer, tensor, Matrix};
/// let train: Matrix<f64, 4, 2> = tensor![[1., 5.], [2., 5.], [3., 5.], [4., 5.]];
/// let sc = Standardizer::fit(&train)?;
/// assert_eq!(sc.mean().as_slice(), &[2.5, 5.0]);
/// assert_eq!(sc.scale().as_slice(), &[1.25f64.sqrt(), 1.0]); // a constant column: scale 1
/// let test: Matrix<f64, 1, 2> = tensor![[2.5, 7.]];
/// let z = sc.transform(&test);
/// assert_eq!(z.as_slice(), &[0.0, 2.0]);
/// assert_eq!(sc.inverse_transform(&z).as_slice(), test.as_slice());
/// # Ok::<(), shaped::ShapeError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Standardizer<T, N: Dim> {
    mean: Tensor<T, (N,)>,
    scale: Tensor<T, (N,)>,
}

impl<T: Float, N: Dim> Standardizer<T, N> {
    /// Learns the mean and scale of each column of (M, N) training rows.
    ///
    /// A column whose values are all equal (or whose variance is rounding noise by
    /// scikit-learn's bound, `var <= m eps var + (m mean eps)^2`) gets scale 1.
    ///
    /// # Errors
    /// [`ShapeError`] when there are no rows.
    ///
    /// ```
    /// use shaped::{ml::Standardizer, Const, Dyn, Tensor};
    /// let empty = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(0), Const));
    /// assert!(Standardizer::fit(&empty).is_err());
    /// ```
    pub fn fit<M: Dim>(x: &impl AsView<T, (M, N)>) -> Result<Self, ShapeError> {
        let v = x.view();
        let [m, d] = v.dims();
        if m == 0 {
            return Err(ShapeError::new(
                "Standardizer::fit",
                &[m, d],
                format!("no rows to fit in shape {}", fmt_dims(&[m, d])),
            ));
        }
        let mean = column_means(&v);
        let eps = T::epsilon();
        let mf = T::of(m as f64);
        let scale: Vec<T> = (0..d)
            .map(|j| {
                let first = v[[0, j]];
                let constant = (0..m).all(|i| v[[i, j]] == first);
                let var = (0..m)
                    .map(|i| (v[[i, j]] - mean[j]) * (v[[i, j]] - mean[j]))
                    .sum::<T>()
                    / mf;
                let bound = mf * eps * var + (mf * mean[j] * eps) * (mf * mean[j] * eps);
                if constant || var <= bound || var == T::ZERO {
                    T::ONE
                } else {
                    var.sqrt()
                }
            })
            .collect();
        let n = v.shape().1;
        Ok(Standardizer {
            mean: Tensor::from_data((n,), mean),
            scale: Tensor::from_data((n,), scale),
        })
    }

    /// The mean of each column, (N,).
    ///
    /// ```
    /// use shaped::{ml::Standardizer, tensor};
    /// let sc = Standardizer::fit(&tensor![[1., 2.], [3., 4.]])?;
    /// assert_eq!(sc.mean().as_slice(), &[2., 3.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn mean(&self) -> &Tensor<T, (N,)> {
        &self.mean
    }

    /// The scale of each column, (N,): its standard deviation (ddof 0), or 1 for a constant
    /// column.
    ///
    /// ```
    /// use shaped::{ml::Standardizer, tensor};
    /// let sc = Standardizer::fit(&tensor![[1., 2.], [3., 2.]])?;
    /// assert_eq!(sc.scale().as_slice(), &[1., 1.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn scale(&self) -> &Tensor<T, (N,)> {
        &self.scale
    }

    /// `(x - mean) / scale` for each row: (M, N) -> (M, N).
    ///
    /// # Panics
    /// When a `Dyn` column count differs from the fitted one (see `try_transform`).
    ///
    /// ```
    /// use shaped::{ml::Standardizer, tensor};
    /// let sc = Standardizer::fit(&tensor![[0., 10.], [2., 30.]])?;
    /// assert_eq!(sc.transform(&tensor![[1., 40.]]).as_slice(), &[0., 2.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    #[track_caller]
    pub fn transform<M: Dim, N2: Dim>(
        &self,
        x: &Tensor<T, (M, N2), impl Data<T>>,
    ) -> Tensor<T, (M, N)>
    where
        N: SameDim<N2>,
    {
        unwrap_or_panic(self.try_transform(x))
    }

    /// `transform` that returns an error when the column counts differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both sizes.
    ///
    /// ```
    /// use shaped::{ml::Standardizer, Dyn, Tensor};
    /// let train = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(3), Dyn(2)));
    /// let sc = Standardizer::fit(&train)?;
    /// let other = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(3), Dyn(4)));
    /// assert!(sc.try_transform(&other).is_err());
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn try_transform<M: Dim, N2: Dim>(
        &self,
        x: &Tensor<T, (M, N2), impl Data<T>>,
    ) -> Result<Tensor<T, (M, N)>, ShapeError>
    where
        N: SameDim<N2>,
    {
        let v = x.view();
        self.check("Standardizer::transform", v.dims())?;
        let (mean, scale) = (self.mean.as_slice(), self.scale.as_slice());
        let shape = (v.shape().0, self.mean.shape().0);
        Ok(Tensor::from_fn_with(shape, |[i, j]| {
            (v[[i, j]] - mean[j]) / scale[j]
        }))
    }

    /// `z * scale + mean` for each row, the inverse of `transform`: (M, N) -> (M, N).
    ///
    /// # Panics
    /// When a `Dyn` column count differs from the fitted one.
    ///
    /// ```
    /// use shaped::{ml::Standardizer, tensor};
    /// let sc = Standardizer::fit(&tensor![[0., 10.], [2., 30.]])?;
    /// assert_eq!(sc.inverse_transform(&tensor![[0., 2.]]).as_slice(), &[1., 40.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    #[track_caller]
    pub fn inverse_transform<M: Dim, N2: Dim>(
        &self,
        z: &Tensor<T, (M, N2), impl Data<T>>,
    ) -> Tensor<T, (M, N)>
    where
        N: SameDim<N2>,
    {
        let v = z.view();
        unwrap_or_panic(self.check("Standardizer::inverse_transform", v.dims()));
        let (mean, scale) = (self.mean.as_slice(), self.scale.as_slice());
        let shape = (v.shape().0, self.mean.shape().0);
        Tensor::from_fn_with(shape, |[i, j]| v[[i, j]] * scale[j] + mean[j])
    }

    fn check(&self, op: &'static str, dims: [usize; 2]) -> Result<(), ShapeError> {
        let d = self.mean.numel();
        if dims[1] != d {
            return Err(ShapeError::new(
                op,
                &dims,
                format!(
                    "rows of shape {} have {} columns but the standardizer was fitted on {d}",
                    fmt_dims(&dims),
                    dims[1]
                ),
            ));
        }
        Ok(())
    }
}
