//! Triangular solves: `solve_triangular(&b, Lower | Upper)`.

use crate::dim::AnyDim;
use crate::error::LinalgError;
use crate::linalg::kernels::triangular as k;
use crate::linalg::{check_finite, check_rhs, check_square, row_major, tensor_of};
use crate::ops::kernels::{amax, mul_pow2, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::shape::Shape;
use crate::tensor::{Tensor, TensorView};

/// Which triangle of a square matrix a triangular solve reads.
///
/// ```
/// use shaped::{tensor, Matrix, Upper};
/// let u: Matrix<f64, 2, 2> = tensor![[2., 1.], [99., 1.]]; // 99 is below the diagonal: not read
/// assert_eq!(u.solve_triangular(&tensor![5., 1.], Upper)?.as_slice(), &[2., 1.]);
/// # Ok::<(), shaped::LinalgError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Triangle {
    /// The lower triangle, diagonal included.
    Lower,
    /// The upper triangle, diagonal included.
    Upper,
}

pub(crate) fn solve_triangular<T: Float, N: AnyDim, M: AnyDim, SB: Shape>(
    a: TensorView<'_, T, (N, M)>,
    b: TensorView<'_, T, SB>,
    triangle: Triangle,
) -> Result<Tensor<T, SB>, LinalgError> {
    const OP: &str = "solve_triangular";
    let n = check_square(OP, a.dims())?;
    let r = check_rhs(OP, [n, n], b.dims().as_ref())?;
    let mut t = row_major(&a);
    for i in 0..n {
        let row = match triangle {
            Triangle::Lower => &t[i * n..i * n + i + 1],
            Triangle::Upper => &t[i * n + i..i * n + n],
        };
        check_finite(OP, row)?;
    }
    if let Some(pivot) = (0..n).find(|&i| t[i * n + i] == T::ZERO) {
        return Err(LinalgError::Singular { op: OP, pivot });
    }
    let mut x = row_major(&b);
    check_finite(OP, &x)?;
    // LAPACK-style scaling of the triangle and of b when they lie outside [smlnum, bignum]:
    // (2^ka T) x' = 2^kb b gives x = 2^(ka - kb) x'. The other triangle may hold anything
    // (NaN included): it is scaled too but never read. A scaling that would flush a diagonal
    // entry to zero (a badly graded triangle) is not applied.
    let tri_amax = (0..n).fold(T::ZERO, |m, i| {
        let row = match triangle {
            Triangle::Lower => &t[i * n..i * n + i + 1],
            Triangle::Upper => &t[i * n + i..i * n + n],
        };
        m.max(amax(row))
    });
    let mut ka = range_exponent(tri_amax);
    if (0..n).any(|i| mul_pow2(t[i * n + i], ka.into()) == T::ZERO) {
        ka = 0;
    }
    scale_pow2(&mut t, ka.into());
    let kb = range_exponent(amax(&x));
    scale_pow2(&mut x, kb.into());
    match triangle {
        Triangle::Lower => k::solve_lower(&t, n, false, &mut x, n, r, r),
        Triangle::Upper => k::solve_upper(&t, n, false, &mut x, n, r, r),
    }
    scale_pow2(&mut x, i64::from(ka) - i64::from(kb));
    Ok(tensor_of(b.shape(), x))
}
