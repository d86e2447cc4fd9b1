//! Vector math: `dot`, the vector norms (`norm_l1`, `norm_l2`, `norm_linf`) over all elements
//! or per axis, `norm_fro`, and `normalize_rows`.
//!
//! `norm_l2` does not overflow or underflow: entries near `1e300` or subnormal ones give the
//! correctly scaled result, not `inf` or `0` (a fast pass, and a scaled second pass only when
//! the fast one left the safe range).

use super::kernels::{
    dot_slice, for_each_lane, norm_l1_iter, norm_l2_iter, norm_l2_slice, norm_linf_iter, sum_iter,
};
use super::reduce::reduce_lanes;
use crate::dim::{AnyDim, One, SameDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::{Float, Number};
use crate::shape::{RemoveAxis, ReplaceAxis, Shape};
use crate::tensor::{AsView, Data, Tensor};

impl<T: Number, N: AnyDim, D: Data<T>> Tensor<T, (N,), D> {
    /// The inner product `x . y = sum_i x_i y_i`: (N,) . (N,) -> scalar.
    ///
    /// Vectors of different static lengths do not compile.
    ///
    /// # Panics
    /// When `Dyn` lengths differ at run time (see `try_dot`).
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 3> = tensor![1., 2., 3.];
    /// let y: Vector<f64, 3> = tensor![4., 5., 6.];
    /// assert_eq!(x.dot(&y), 32.0);
    /// ```
    #[track_caller]
    pub fn dot<N2: AnyDim>(&self, other: &impl AsView<T, (N2,)>) -> T
    where
        N: SameDim<N2>,
    {
        unwrap_or_panic(self.try_dot(other))
    }

    /// `dot` that returns an error when `Dyn` lengths differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let y = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    /// assert_eq!(x.try_dot(&y).unwrap_err().to_string(), "dot: shapes (3,) and (4,) differ");
    /// ```
    pub fn try_dot<N2: AnyDim>(&self, other: &impl AsView<T, (N2,)>) -> Result<T, ShapeError>
    where
        N: SameDim<N2>,
    {
        let (a, b) = (AsView::view(self), other.view());
        if a.dims() != b.dims() {
            return Err(ShapeError::mismatch("dot", &a.dims(), &b.dims()));
        }
        Ok(match (a.as_slice(), b.as_slice()) {
            (Some(x), Some(y)) => dot_slice(x, y),
            _ => sum_iter(a.iter().zip(b.iter()).map(|(&x, &y)| x * y)),
        })
    }
}

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// `||x||_1 = sum |x_i|` over all elements (the tensor read as one vector).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![3., -4.].norm_l1(), 7.0);
    /// ```
    pub fn norm_l1(&self) -> T {
        norm_l1_iter(AsView::view(self).iter().copied())
    }

    /// `||x||_2 = sqrt(sum x_i^2)` over all elements, without overflow or underflow: entries
    /// of `1e300` or subnormal entries give the right norm, not `inf` or `0`.
    ///
    /// For a matrix this is the Frobenius norm (see `norm_fro`), not the spectral norm.
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![3., -4.].norm_l2(), 5.0);
    /// assert_eq!(tensor![3e300, -4e300].norm_l2(), 5e300); // a naive sum of squares is inf
    /// assert_eq!(tensor![3e-310, 4e-310].norm_l2(), 5e-310); // ... or 0
    /// ```
    pub fn norm_l2(&self) -> T {
        let v = AsView::view(self);
        match v.as_slice() {
            Some(x) => norm_l2_slice(x),
            None => norm_l2_slice(v.to_tensor().as_slice()),
        }
    }

    /// `||x||_inf = max |x_i|` over all elements (0 for an empty tensor; NaN propagates).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![3., -4.].norm_linf(), 4.0);
    /// ```
    pub fn norm_linf(&self) -> T {
        norm_linf_iter(AsView::view(self).iter().copied())
    }

    /// The L1 norms of the lanes along axis `I`, which is removed.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., -2.], [3., 4.]];
    /// assert_eq!(x.norm_l1_axis::<1>().as_slice(), &[3., 7.]);
    /// ```
    pub fn norm_l1_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "norm_l1_axis",
            AsView::view(self),
            I,
            false,
            false,
            |l| norm_l1_iter(l),
        ))
    }

    /// The L1 norms along axis `I`, kept as a [`One`] axis.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., -2.], [3., 4.]];
    /// assert_eq!(x.norm_l1_keepdim::<0>().as_slice(), &[4., 6.]);
    /// ```
    pub fn norm_l1_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "norm_l1_keepdim",
            AsView::view(self),
            I,
            true,
            false,
            |l| norm_l1_iter(l),
        ))
    }

    /// The L2 norms of the lanes along axis `I`, which is removed (overflow- and
    /// underflow-safe, as `norm_l2`): (N, D) -> (N,) for `I = 1`, one norm per row.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[3., 4.], [6., 8.]];
    /// assert_eq!(x.norm_l2_axis::<1>().as_slice(), &[5., 10.]);
    /// ```
    pub fn norm_l2_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "norm_l2_axis",
            AsView::view(self),
            I,
            false,
            false,
            |l| norm_l2_iter(l),
        ))
    }

    /// The L2 norms along axis `I`, kept as a [`One`] axis: numpy's
    /// `np.linalg.norm(X, axis=1, keepdims=True)`, (N, D) -> (N, One).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[3., 4.], [6., 8.]];
    /// let unit = &x / &x.norm_l2_keepdim::<1>(); // (2, 2) / (2, One)
    /// assert_eq!(unit.as_slice(), &[0.6, 0.8, 0.6, 0.8]);
    /// ```
    pub fn norm_l2_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "norm_l2_keepdim",
            AsView::view(self),
            I,
            true,
            false,
            |l| norm_l2_iter(l),
        ))
    }

    /// The max-abs norms of the lanes along axis `I`, which is removed.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., -5.], [3., 4.]];
    /// assert_eq!(x.norm_linf_axis::<0>().as_slice(), &[3., 5.]);
    /// ```
    pub fn norm_linf_axis<const I: usize>(&self) -> Tensor<T, <S as RemoveAxis<I>>::Out>
    where
        S: RemoveAxis<I>,
    {
        unwrap_or_panic(reduce_lanes(
            "norm_linf_axis",
            AsView::view(self),
            I,
            false,
            false,
            |l| norm_linf_iter(l),
        ))
    }

    /// The max-abs norms along axis `I`, kept as a [`One`] axis.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., -5.], [3., 4.]];
    /// assert_eq!(x.norm_linf_keepdim::<1>().as_slice(), &[5., 4.]);
    /// ```
    pub fn norm_linf_keepdim<const I: usize>(&self) -> Tensor<T, <S as ReplaceAxis<I, One>>::Out>
    where
        S: ReplaceAxis<I, One>,
    {
        unwrap_or_panic(reduce_lanes(
            "norm_linf_keepdim",
            AsView::view(self),
            I,
            true,
            false,
            |l| norm_linf_iter(l),
        ))
    }
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The Frobenius norm of a matrix, `||A||_F = sqrt(sum_ij a_ij^2)` (overflow- and
    /// underflow-safe).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![[1., 2.], [2., 4.]].norm_fro(), 5.0);
    /// ```
    pub fn norm_fro(&self) -> T {
        self.norm_l2()
    }

    /// Each row divided by its L2 norm plus `eps`: `x_i / (||x_i||_2 + eps)`, (N, D) -> (N, D).
    /// A zero row stays zero; the norms are overflow- and underflow-safe.
    ///
    /// numpy: `X / (np.linalg.norm(X, axis=1, keepdims=True) + eps)`.
    ///
    /// ```
    /// use shaped::tensor;
    /// use shaped::Matrix;
    /// let x: Matrix<f64, 2, 2> = tensor![[3., 4.], [0., 0.]];
    /// let u = x.normalize_rows(1e-8);
    /// assert!((u[[0, 0]] - 0.6).abs() < 1e-8 && (u[[0, 1]] - 0.8).abs() < 1e-8);
    /// assert_eq!(u.row(1).to_tensor().as_slice(), &[0.0, 0.0]);
    /// ```
    pub fn normalize_rows(&self, eps: T) -> Tensor<T, (M, N)> {
        let v = AsView::view(self);
        let [rows, cols] = v.dims();
        let [rs, cs] = v.strides();
        let mut out = Tensor::<T, (M, N)>::zeros_with(v.shape());
        if cols == 0 {
            return out;
        }
        let o = out.as_mut_slice();
        if let Some(x) = v.as_slice() {
            for (orow, xrow) in o.chunks_exact_mut(cols).zip(x.chunks_exact(cols)) {
                let scale = norm_l2_slice(xrow) + eps;
                for (o, &x) in orow.iter_mut().zip(xrow) {
                    *o = x / scale;
                }
            }
            return out;
        }
        let data = v.raw_data();
        let mut i = 0;
        for_each_lane(&[rows, cols], &[rs, cs], 1, |base| {
            let row = super::kernels::Lane::new(data, base, cols, cs);
            let scale = norm_l2_iter(row.clone()) + eps;
            for (o, x) in o[i * cols..(i + 1) * cols].iter_mut().zip(row) {
                *o = x / scale;
            }
            i += 1;
        });
        out
    }
}
