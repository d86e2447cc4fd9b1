//! Thin Householder QR, `A = Q R` with Q (M, K) and R (K, N), K = `min(M, N)`; and
//! `project`, the least-squares projection onto the column space.

use crate::derived::MinOf;
use crate::dim::AnyDim;
use crate::error::{LinalgError, ShapeError};
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::qr as k;
use crate::linalg::{check_finite, row_major, tensor_of};
use crate::ops::kernels::{amax, finite_amax, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{Tensor, TensorView};

/// A thin QR factorisation `A = Q R` of an (M, N) matrix, made by `a.qr()`: Q (M, K) has
/// orthonormal columns, R (K, N) is upper triangular, K = `MinOf<M, N>` (`min(M, N)`, static
/// when M and N are). Householder reflections, as LAPACK's `geqrf`: the diagonal of R may be
/// negative.
///
/// ```
/// use shaped::{tensor, Const, Matrix, MinOf, Tensor};
/// let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
/// let qr = a.qr()?;
/// let q: &Tensor<f64, (Const<2>, MinOf<Const<2>, Const<3>>)> = &qr.q;
/// assert_eq!(q.dims(), [2, 2]);
/// assert_eq!(qr.r.dims(), [2, 3]);
/// # Ok::<(), shaped::LinalgError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Qr<T, M: AnyDim, N: AnyDim> {
    /// Q (M, K), orthonormal columns.
    pub q: Tensor<T, (M, MinOf<M, N>)>,
    /// R (K, N), upper triangular.
    pub r: Tensor<T, (MinOf<M, N>, N)>,
}

/// The column-major copy of a matrix view (column `j` at `[j * m..]`).
fn column_major<T: Float, M: AnyDim, N: AnyDim>(a: &TensorView<'_, T, (M, N)>) -> Vec<T> {
    let [m, n] = a.dims();
    let [rs, cs] = a.strides();
    let mut out = vec![T::ZERO; m * n];
    copy_map(m, n, a.raw_data(), rs, cs, &mut out, 1, m, |x| x);
    out
}

impl<T: Float, M: AnyDim, N: AnyDim> Qr<T, M, N> {
    pub(crate) fn new(a: TensorView<'_, T, (M, N)>) -> Result<Self, LinalgError> {
        let [m, n] = a.dims();
        let kk = m.min(n);
        let (dm, dn) = a.shape();
        let dk = MinOf::<M, N>::derived(kk);
        if kk <= k::QR_UNBLOCKED {
            return Self::new_unblocked(a);
        }
        // The row-major copy is factored in place, without a change of layout: its first K
        // rows become R, and Q is formed straight into its row-major layout.
        let mut w = row_major(&a);
        let big = finite_amax(&w).ok_or(LinalgError::NonFinite { op: "qr" })?;
        // LAPACK-style: factor 2^s A when A lies outside [smlnum, bignum]; Q is the same and
        // R is unscaled below.
        let scale = range_exponent(big);
        scale_pow2(&mut w, scale.into());
        // On rayon's pool from the order where its GEMMs are cut for two threads.
        let q = crate::parallel::on_pool(kk, || {
            let mut tau = vec![T::ZERO; kk];
            let nb = k::panel_width(kk);
            // The panels' compact-WY forms (T and V), made once by the factorisation and used
            // again for Q; the part of `w` below the diagonal is zeroed below.
            let mut blocks = k::WyBlocks {
                v: Some(Vec::new()),
                ..Default::default()
            };
            k::qr_blocked_wy(&mut w, m, n, n, 1, &mut tau, nb, Some(&mut blocks));
            k::form_q_blocked_wy(&w, m, n, 1, &tau, kk, nb, true, Some(&mut blocks))
        });
        let q = Tensor::from_data((dm, dk), q);
        w.truncate(kk * n);
        for i in 1..kk {
            w[i * n..i * n + i].fill(T::ZERO);
        }
        scale_pow2(&mut w, -i64::from(scale));
        w.shrink_to_fit();
        let r = Tensor::from_data((dk, dn), w);
        Ok(Qr { q, r })
    }

    /// [`Qr::new`] up to [`k::QR_UNBLOCKED`] columns of Q: one reflector at a time on a
    /// column-major copy.
    fn new_unblocked(a: TensorView<'_, T, (M, N)>) -> Result<Self, LinalgError> {
        let [m, n] = a.dims();
        let kk = m.min(n);
        let mut w = column_major(&a);
        check_finite("qr", &w)?;
        let scale = range_exponent(amax(&w));
        scale_pow2(&mut w, scale.into());
        let mut tau = vec![T::ZERO; kk];
        k::qr(&mut w, m, n, m, &mut tau);
        let (dm, dn) = a.shape();
        let dk = MinOf::<M, N>::derived(kk);
        let q = Tensor::from_data((dm, dk), k::form_thin_q(&w, m, m, &tau, kk, true));
        let mut rr = vec![T::ZERO; kk * n];
        copy_map(kk, n, &w, 1, m, &mut rr, n, 1, |x| x);
        for i in 1..kk {
            rr[i * n..i * n + i.min(n)].fill(T::ZERO);
        }
        scale_pow2(&mut rr, -i64::from(scale));
        let r = Tensor::from_data((dk, dn), rr);
        Ok(Qr { q, r })
    }
}

/// `A x` for the least-squares `x`: `Q_r Q_r^T y` with `Q_r` the first `rank` columns of a
/// column-pivoted QR.
pub(crate) fn project<T: Float, M: AnyDim, N: AnyDim, SY: Shape>(
    a: TensorView<'_, T, (M, N)>,
    y: TensorView<'_, T, SY>,
) -> Result<Tensor<T, SY>, LinalgError> {
    const OP: &str = "project";
    let [m, n] = a.dims();
    let yd = y.dims();
    let yd = yd.as_ref();
    if yd[0] != m {
        return Err(ShapeError::pair(
            OP,
            &[m, n],
            yd,
            format!(
                "lhs {} has {} rows but rhs {} has {} rows",
                fmt_dims(&[m, n]),
                m,
                fmt_dims(yd),
                yd[0]
            ),
        )
        .into());
    }
    let r = if yd.len() == 1 { 1 } else { yd[1] };
    let mut w = column_major(&a);
    check_finite(OP, &w)?;
    let mut yv = row_major(&y);
    check_finite(OP, &yv)?;
    // LAPACK-style scaling of A and y outside [smlnum, bignum]: the column space of 2^ka A
    // is A's, and the projection of 2^ky y is 2^ky times y's.
    let ka = range_exponent(amax(&w));
    scale_pow2(&mut w, ka.into());
    let ky = range_exponent(amax(&yv));
    scale_pow2(&mut yv, ky.into());
    let kk = m.min(n);
    let mut tau = vec![T::ZERO; kk];
    let mut perm = vec![0; n];
    let rank = k::qr_pivoted(&mut w, m, n, m, &mut tau, &mut perm);
    let q = k::form_thin_q(&w, m, m, &tau, rank, false);
    // out = Q (Q^T y), column by column of y.
    let mut out = vec![T::ZERO; m * r];
    let mut c = vec![T::ZERO; rank];
    let mut col = vec![T::ZERO; m];
    for j in 0..r {
        for i in 0..m {
            col[i] = yv[i * r + j];
        }
        for (p, cp) in c.iter_mut().enumerate() {
            *cp = crate::linalg::kernels::householder::dot(&q[p * m..p * m + m], &col);
        }
        for i in 0..m {
            let mut s = T::ZERO;
            for (p, &cp) in c.iter().enumerate() {
                s += q[p * m + i] * cp;
            }
            out[i * r + j] = s;
        }
    }
    scale_pow2(&mut out, -i64::from(ky));
    Ok(tensor_of(y.shape(), out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dim::Dyn;

    /// `Qr::new` (the row-major blocked path above `QR_UNBLOCKED` columns) against the
    /// column-major reference `Qr::new_unblocked`, around every threshold (the unblocked limit
    /// 16, the panel widths 16 / 32 and their switch at 384), square, tall and wide, and for
    /// data far outside the safe range (scaled).
    #[test]
    fn row_major_path_matches_the_column_major_reference() {
        let d = |x: &[f64], y: &[f64]| x.iter().zip(y).fold(0f64, |s, (a, b)| s.max((a - b).abs()));
        for (m, n) in [
            (0, 0),
            (0, 5),
            (5, 0),
            (1, 1),
            (1, 40),
            (40, 1),
            (16, 16),
            (17, 17),
            (16, 40),
            (40, 17),
            (17, 40),
            (64, 64),
            (130, 65),
            (65, 130),
            (384, 384),
            (390, 385),
            (385, 400),
            (700, 33),
        ] {
            for scale in [1.0, 1e300, 1e-300] {
                let data: Vec<f64> = crate::linalg::kernels::test_data(m * n, (m + 7 * n) as u64)
                    .into_iter()
                    .map(|x| x * scale)
                    .collect();
                let a = Tensor::from_vec((Dyn(m), Dyn(n)), data).unwrap();
                let q1 = Qr::new(a.view()).unwrap();
                let q0 = Qr::new_unblocked(a.view()).unwrap();
                let kk = m.min(n);
                assert_eq!(q1.q.dims(), [m, kk]);
                assert_eq!(q1.r.dims(), [kk, n]);
                assert_eq!(q1.r.as_slice().len(), kk * n);
                assert!(
                    d(q1.q.as_slice(), q0.q.as_slice()) < 1e-12,
                    "{m}x{n} {scale}: Q"
                );
                let er = d(q1.r.as_slice(), q0.r.as_slice()) / scale;
                assert!(er < 1e-12, "{m}x{n} {scale}: R differs by {er:e}");
                for i in 0..kk {
                    for j in 0..i {
                        assert_eq!(q1.r.as_slice()[i * n + j], 0.0);
                    }
                }
            }
        }
    }

    #[test]
    fn non_finite_input_is_an_error_on_both_paths() {
        for n in [3, 40] {
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                let mut data = crate::linalg::kernels::test_data(n * n, 5);
                data[n * n / 2 + 1] = bad;
                let a = Tensor::from_vec((Dyn(n), Dyn(n)), data).unwrap();
                assert!(matches!(
                    Qr::new(a.view()),
                    Err(LinalgError::NonFinite { op: "qr" })
                ));
            }
        }
    }
}
