//! Norms and condition numbers with numpy's `ord` / `p` values: `vector_norm(ord)`,
//! `vector_norm_axis::<A>(ord)`, `vector_norm_axes::<A1, A2>(ord)`, `matrix_norm(NormOrd)` and
//! `cond_with(NormOrd)`, on top of
//! the fixed-order norms (`norm_l2`, `norm_fro`, `norm_nuc`, `norm_spectral`, `norm_op1`,
//! `norm_opinf`) and the thin SVD.

use crate::dim::AnyDim;
use crate::error::{LinalgError, ShapeError, unwrap_or_panic};
use crate::linalg::kernels::norm_ord::vector_norm;
use crate::linalg::svd::thin_svd;
use crate::ops::kernels::{Lane, for_each_lane};
use crate::scalar::Float;
use crate::shape::{RemoveAxis, Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor};

/// The order of a matrix norm or condition number (numpy's `ord` / `p`):
/// `Fro` (Frobenius), `Nuc` (nuclear: the sum of the singular values), and `P(p)` for
/// `p` = 2 / -2 (largest / smallest singular value), 1 / -1 (largest / smallest column sum
/// of magnitudes), `inf` / `-inf` (largest / smallest row sum of magnitudes).
///
/// ```
/// use shaped::{tensor, Matrix, NormOrd};
/// let a: Matrix<f64, 2, 2> = tensor![[1., -2.], [3., 4.]];
/// assert_eq!(a.matrix_norm(NormOrd::P(1.0)), 6.0);
/// assert_eq!(a.matrix_norm(NormOrd::P(f64::NEG_INFINITY)), 3.0);
/// assert_eq!(a.matrix_norm(NormOrd::Fro), 30f64.sqrt());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrd<T> {
    /// The Frobenius norm `sqrt(sum a_ij^2)`.
    Fro,
    /// The nuclear norm, the sum of the singular values.
    Nuc,
    /// An induced (operator) norm or its minimum counterpart: `p` in 2, -2, 1, -1, inf, -inf.
    P(T),
}

/// Why `ord` is not one of numpy's matrix norm orders.
fn bad_ord<T: Float>(ord: NormOrd<T>) -> String {
    format!(
        "invalid matrix norm order {ord:?}: use Fro, Nuc or P(p) with p in 2, -2, 1, -1, inf, -inf"
    )
}

/// The largest (or smallest) of `f(i)` over `0..n`, NaN winning; `empty` when `n = 0`.
fn extreme_of<T: Float>(n: usize, largest: bool, empty: T, f: impl Fn(usize) -> T) -> T {
    let mut acc: Option<T> = None;
    for i in 0..n {
        let x = f(i);
        if x.is_nan() {
            return T::nan();
        }
        acc = Some(match acc {
            None => x,
            Some(a) if largest => a.max(x),
            Some(a) => a.min(x),
        });
    }
    acc.unwrap_or(empty)
}

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// numpy's `vector_norm(x, ord)` over all elements: `ord` = 2 (Euclidean, without
    /// overflow), 1 (sum of magnitudes), `inf` (largest magnitude), `-inf` (smallest), 0 (the
    /// number of non-zeros), any other `p`: `(sum |x_i|^p)^(1/p)` (a negative `p` with a zero
    /// entry gives 0). An empty tensor gives 0 (for `inf` too, as numpy).
    ///
    /// # Panics
    /// For `ord = -inf` of an empty tensor (see [`Self::try_vector_norm`]).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![3., -4., 0.];
    /// assert_eq!(x.vector_norm(2.0), 5.0);
    /// assert_eq!(x.vector_norm(f64::INFINITY), 4.0);
    /// assert_eq!(x.vector_norm(f64::NEG_INFINITY), 0.0);
    /// assert_eq!(x.vector_norm(0.0), 2.0);
    /// assert!((x.vector_norm(3.0) - 91f64.cbrt()).abs() < 1e-12);
    /// ```
    #[track_caller]
    pub fn vector_norm(&self, ord: T) -> T {
        unwrap_or_panic(self.try_vector_norm(ord))
    }

    /// [`Self::vector_norm`] that returns a [`ShapeError`] for `ord = -inf` of an empty
    /// tensor (the smallest of no magnitudes).
    ///
    /// # Errors
    /// [`ShapeError`] naming the shape.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let e = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    /// assert!(e.try_vector_norm(f64::NEG_INFINITY).is_err());
    /// assert_eq!(e.try_vector_norm(f64::INFINITY)?, 0.0);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn try_vector_norm(&self, ord: T) -> Result<T, ShapeError> {
        let v = AsView::view(self);
        let x: Vec<T> = v.iter().copied().collect();
        vector_norm(&x, ord).ok_or_else(|| {
            let d = v.dims();
            ShapeError::new(
                "vector_norm",
                d.as_ref(),
                format!(
                    "the -inf norm of the empty tensor {} is undefined",
                    fmt_dims(d.as_ref())
                ),
            )
        })
    }

    /// numpy's `vector_norm(x, ord, axis=A)`: the norm of each lane along axis `A`, which is
    /// removed. Orders as for [`Self::vector_norm`].
    ///
    /// # Panics
    /// For `ord = -inf` along an empty axis (see [`Self::try_vector_norm_axis`]).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[3., 4.], [1., -1.]];
    /// assert_eq!(x.vector_norm_axis::<1>(1.0).as_slice(), &[7., 2.]);
    /// assert_eq!(x.vector_norm_axis::<0>(f64::INFINITY).as_slice(), &[3., 4.]);
    /// ```
    #[track_caller]
    pub fn vector_norm_axis<const A: usize>(&self, ord: T) -> Tensor<T, <S as RemoveAxis<A>>::Out>
    where
        S: RemoveAxis<A>,
    {
        unwrap_or_panic(self.try_vector_norm_axis::<A>(ord))
    }

    /// [`Self::vector_norm_axis`] that returns a [`ShapeError`] for `ord = -inf` along an
    /// empty axis.
    ///
    /// # Errors
    /// [`ShapeError`] naming the shape and the axis.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let e = Tensor::<f64, (Const<2>, Dyn)>::zeros_with((Const, Dyn(0)));
    /// assert!(e.try_vector_norm_axis::<1>(f64::NEG_INFINITY).is_err());
    /// ```
    pub fn try_vector_norm_axis<const A: usize>(
        &self,
        ord: T,
    ) -> Result<Tensor<T, <S as RemoveAxis<A>>::Out>, ShapeError>
    where
        S: RemoveAxis<A>,
    {
        let v = AsView::view(self);
        let (dims, strides) = (v.dims(), v.strides());
        let (d, st) = (dims.as_ref(), strides.as_ref());
        let mut out_dims = d.to_vec();
        out_dims.remove(A);
        let shape = <S as RemoveAxis<A>>::Out::try_from_dims(&out_dims)
            .expect("the axis removal of the shape type fixes the result's sizes");
        let mut out = Vec::with_capacity(shape.numel());
        let mut lane = Vec::with_capacity(d[A]);
        let mut empty = false;
        for_each_lane(d, st, A, |base| {
            lane.clear();
            lane.extend(Lane::new(v.raw_data(), base, d[A], st[A]));
            match vector_norm(&lane, ord) {
                Some(x) => out.push(x),
                None => {
                    empty = true;
                    out.push(T::nan());
                }
            }
        });
        if empty {
            return Err(ShapeError::new(
                "vector_norm_axis",
                d,
                format!(
                    "the -inf norm along the empty axis {A} of {} is undefined",
                    fmt_dims(d)
                ),
            ));
        }
        Ok(Tensor::from_data(shape, out))
    }
}

/// The shape without axes `A1` and `A2` (`A1 < A2`): what `vector_norm_axes::<A1, A2>`
/// returns.
type WithoutAxes<S, const A1: usize, const A2: usize> =
    <<S as RemoveAxis<A2>>::Out as RemoveAxis<A1>>::Out;

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// numpy's `vector_norm(x, ord, axis=(A1, A2))`: the norm of each sub-tensor spanned by
    /// axes `A1` and `A2` (`A1 < A2`, both removed), as if those axes were one; orders as for
    /// [`Self::vector_norm`]. (2, 3, 4, 5) with axes 1 and 3 -> (2, 4). Axes out of range, or
    /// not increasing (a `const` assertion, under `cargo build`), fail to build.
    ///
    /// # Panics
    /// For `ord = -inf` over empty axes (see [`Self::try_vector_norm_axes`]).
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let x: Tensor3<f64, 2, 2, 2> = tensor![[[3., 0.], [4., 0.]], [[1., 2.], [2., 4.]]];
    /// // Over axes 0 and 2 (each of the 2 rows of 2x2 sub-matrices): sqrt(9 + 1 + 4) and
    /// // sqrt(16 + 4 + 16).
    /// let n = x.vector_norm_axes::<0, 2>(2.0);
    /// assert_eq!(n.dims(), [2]);
    /// assert!((n[[0]] - 14f64.sqrt()).abs() < 1e-15 && n[[1]] == 6.0);
    /// assert_eq!(x.vector_norm_axes::<1, 2>(1.0).as_slice(), &[7., 9.]);
    /// ```
    #[track_caller]
    pub fn vector_norm_axes<const A1: usize, const A2: usize>(
        &self,
        ord: T,
    ) -> Tensor<T, WithoutAxes<S, A1, A2>>
    where
        S: RemoveAxis<A2>,
        <S as RemoveAxis<A2>>::Out: RemoveAxis<A1>,
    {
        const {
            assert!(
                A1 < A2,
                "vector_norm_axes: name the axes in increasing order (A1 < A2)"
            )
        };
        unwrap_or_panic(self.try_vector_norm_axes::<A1, A2>(ord))
    }

    /// [`Self::vector_norm_axes`] that returns a [`ShapeError`] for `ord = -inf` over empty
    /// axes, or axes not in increasing order.
    ///
    /// # Errors
    /// [`ShapeError`] naming the shape and the axes.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let e = Tensor::<f64, (Const<2>, Dyn, Const<3>)>::zeros_with((Const, Dyn(0), Const));
    /// assert!(e.try_vector_norm_axes::<1, 2>(f64::NEG_INFINITY).is_err());
    /// assert_eq!(e.try_vector_norm_axes::<1, 2>(2.0)?.as_slice(), &[0., 0.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn try_vector_norm_axes<const A1: usize, const A2: usize>(
        &self,
        ord: T,
    ) -> Result<Tensor<T, WithoutAxes<S, A1, A2>>, ShapeError>
    where
        S: RemoveAxis<A2>,
        <S as RemoveAxis<A2>>::Out: RemoveAxis<A1>,
    {
        const OP: &str = "vector_norm_axes";
        let v = AsView::view(self);
        let (dims, strides) = (v.dims(), v.strides());
        let (d, st) = (dims.as_ref(), strides.as_ref());
        if A1 >= A2 {
            return Err(ShapeError::new(
                OP,
                d,
                format!(
                    "the axes {A1} and {A2} of {} are not increasing",
                    fmt_dims(d)
                ),
            ));
        }
        let kept: Vec<usize> = (0..d.len()).filter(|&k| k != A1 && k != A2).collect();
        let out_dims: Vec<usize> = kept.iter().map(|&k| d[k]).collect();
        let shape = WithoutAxes::<S, A1, A2>::try_from_dims(&out_dims)
            .expect("the axis removals of the shape type fix the result's sizes");
        let count = shape.numel();
        let (n1, n2, s1, s2) = (d[A1], d[A2], st[A1], st[A2]);
        let raw = v.raw_data();
        let mut out = Vec::with_capacity(count);
        let mut block = Vec::with_capacity(n1 * n2);
        let mut idx = vec![0usize; kept.len()];
        for _ in 0..count {
            let base: usize = kept.iter().zip(&idx).map(|(&k, &i)| i * st[k]).sum();
            block.clear();
            for i in 0..n1 {
                block.extend((0..n2).map(|j| raw[base + i * s1 + j * s2]));
            }
            match vector_norm(&block, ord) {
                Some(x) => out.push(x),
                None => {
                    return Err(ShapeError::new(
                        OP,
                        d,
                        format!(
                            "the -inf norm over the empty axes {A1} and {A2} of {} is undefined",
                            fmt_dims(d)
                        ),
                    ));
                }
            }
            for k in (0..idx.len()).rev() {
                idx[k] += 1;
                if idx[k] < out_dims[k] {
                    break;
                }
                idx[k] = 0;
            }
        }
        Ok(Tensor::from_data(shape, out))
    }
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// numpy's `matrix_norm(a, ord)` of an (M, N) matrix: [`NormOrd::Fro`],
    /// [`NormOrd::Nuc`], `P(2)` / `P(-2)` (largest / smallest singular value), `P(1)` /
    /// `P(-1)` (largest / smallest column sum of magnitudes), `P(inf)` / `P(-inf)` (largest /
    /// smallest row sum of magnitudes). NaN when the matrix holds NaN.
    ///
    /// # Panics
    /// For an order `P(p)` with `p` outside 2, -2, 1, -1, inf, -inf (see
    /// [`Self::try_matrix_norm`]).
    ///
    /// ```
    /// use shaped::{tensor, Matrix, NormOrd};
    /// let a: Matrix<f64, 2, 2> = tensor![[0., 3.], [4., 0.]];
    /// assert_eq!(a.matrix_norm(NormOrd::P(2.0)), 4.0);
    /// assert_eq!(a.matrix_norm(NormOrd::P(-2.0)), 3.0);
    /// assert!((a.matrix_norm(NormOrd::Nuc) - 7.0).abs() < 1e-14);
    /// ```
    #[track_caller]
    pub fn matrix_norm(&self, ord: NormOrd<T>) -> T {
        unwrap_or_panic(self.try_matrix_norm(ord))
    }

    /// [`Self::matrix_norm`] that returns an error for an order numpy does not define.
    ///
    /// # Errors
    /// [`LinalgError::Shape`] (whose message names the order) for `P(p)` with `p` outside
    /// 2, -2, 1, -1, inf, -inf.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, NormOrd};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// assert!(a.try_matrix_norm(NormOrd::P(3.0)).is_err());
    /// ```
    pub fn try_matrix_norm(&self, ord: NormOrd<T>) -> Result<T, LinalgError> {
        let v = AsView::view(self);
        let [m, n] = v.dims();
        let col = |j: usize| (0..m).fold(T::ZERO, |s, i| s + v[[i, j]].abs());
        let row = |i: usize| (0..n).fold(T::ZERO, |s, j| s + v[[i, j]].abs());
        let inf = T::infinity();
        Ok(match ord {
            NormOrd::Fro => self.norm_fro(),
            NormOrd::Nuc => self.norm_nuc(),
            NormOrd::P(p) if p == T::of(2.0) => self.norm_spectral(),
            NormOrd::P(p) if p == T::of(-2.0) => match thin_svd(&v, "matrix_norm", false) {
                Ok(t) => t.s.last().copied().unwrap_or(T::ZERO),
                Err(_) => T::nan(),
            },
            NormOrd::P(p) if p == T::ONE => self.norm_op1(),
            NormOrd::P(p) if p == -T::ONE => extreme_of(n, false, T::ZERO, col),
            NormOrd::P(p) if p == inf => self.norm_opinf(),
            NormOrd::P(p) if p == -inf => extreme_of(m, false, T::ZERO, row),
            _ => {
                let d = [m, n];
                return Err(ShapeError::new("matrix_norm", &d, bad_ord(ord)).into());
            }
        })
    }

    /// numpy's `cond(a, p)`: `P(2)` is [`Self::cond`] (`s_max / s_min`), `P(-2)` its
    /// reciprocal `s_min / s_max` (both for any (M, N)); the other orders are
    /// `||A||_p ||A^-1||_p` of a square matrix. An exactly singular matrix gives `+inf` for
    /// every order (numpy's rule; `P(-2)` gives `s_min / s_max = 0` unless `A = 0`), a matrix
    /// with NaN or infinite entries NaN.
    ///
    /// # Panics
    /// For an order other than 2 and -2 on a matrix that is not square, or an invalid order
    /// (see [`Self::try_cond_with`]).
    ///
    /// ```
    /// use shaped::{tensor, Matrix, NormOrd};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 0.5]];
    /// assert!((a.cond_with(NormOrd::P(1.0)) - 4.0).abs() < 1e-12);
    /// assert!((a.cond_with(NormOrd::P(-2.0)) - 0.25).abs() < 1e-12);
    /// let s: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 4.]];
    /// assert_eq!(s.cond_with(NormOrd::Fro), f64::INFINITY);
    /// ```
    #[track_caller]
    pub fn cond_with(&self, p: NormOrd<T>) -> T {
        unwrap_or_panic(self.try_cond_with(p))
    }

    /// [`Self::cond_with`] that returns an error for a non-square matrix (orders other than
    /// 2 and -2) or an invalid order.
    ///
    /// # Errors
    /// [`LinalgError::Shape`] for a matrix that is not square or an order numpy does not
    /// define.
    ///
    /// ```
    /// use shaped::{Dyn, NormOrd, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(2), Dyn(3)));
    /// assert!(a.try_cond_with(NormOrd::P(1.0)).is_err());
    /// assert!(a.try_cond_with(NormOrd::P(2.0)).is_ok());
    /// ```
    pub fn try_cond_with(&self, p: NormOrd<T>) -> Result<T, LinalgError> {
        let v = AsView::view(self);
        if let NormOrd::P(q) = p {
            if q == T::of(2.0) {
                return Ok(self.cond());
            }
            if q == T::of(-2.0) {
                return Ok(match thin_svd(&v, "cond", false) {
                    Ok(t) => match (t.unit_s.first(), t.unit_s.last()) {
                        (Some(&hi), Some(&lo)) if hi > T::ZERO => lo / hi,
                        (Some(_), Some(_)) => T::infinity(),
                        _ => T::nan(),
                    },
                    Err(_) => T::nan(),
                });
            }
        }
        // Validate the order first (an invalid one is an error even for a singular matrix).
        self.try_matrix_norm(p)?;
        crate::linalg::check_square("cond", v.dims())?;
        if v.iter().any(|x| !x.is_finite()) {
            return Ok(T::nan());
        }
        let inv = match crate::linalg::Lu::new(v).and_then(|lu| lu.inverse()) {
            Ok(inv) => inv,
            Err(LinalgError::Singular { .. }) => return Ok(T::infinity()),
            Err(e) => return Err(e),
        };
        let r = self.try_matrix_norm(p)? * inv.try_matrix_norm(p)?;
        Ok(if r.is_nan() { T::infinity() } else { r })
    }
}
