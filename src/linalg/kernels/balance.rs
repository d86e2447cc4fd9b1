//! Balancing of a general matrix before its eigenproblem (LAPACK's `dgebal` / `dgebak`): a
//! permutation that isolates eigenvalues already visible (rows or columns that are zero off the
//! diagonal), then a diagonal scaling by powers of 2 that makes the remaining rows and columns
//! of similar 2-norms. Both are similarity transforms; the scaling is exact (powers of 2), and
//! it shrinks `||A||` and with it the rounding errors of the QR iteration.

use super::householder::norm2;
use crate::scalar::Float;

/// The transform found by [`balance`]: `D^-1 P^T A P D` is the balanced matrix.
pub(crate) struct Balance<T> {
    /// First row of the block left for the QR iteration (0-based, inclusive).
    pub ilo: usize,
    /// Last row of that block (inclusive); `ihi + 1 == ilo` only when `n == 0`.
    pub ihi: usize,
    /// The diagonal of `D` (1 outside `ilo..=ihi`).
    scale: Vec<T>,
    /// `perm[i]`: the row swapped with `i` when `i` was isolated (`i` itself otherwise).
    perm: Vec<usize>,
}

/// Swaps rows and columns `i` and `j` of the column-major `n x n` matrix `a`, only in the parts
/// the isolation needs: rows `0..=l` of the columns, columns `k..n` of the rows.
fn swap_rc<T: Float>(a: &mut [T], n: usize, i: usize, j: usize, k: usize, l: usize) {
    if i == j {
        return;
    }
    for r in 0..=l {
        a.swap(r + i * n, r + j * n);
    }
    for c in k..n {
        a.swap(i + c * n, j + c * n);
    }
}

/// Balances the finite column-major `n x n` matrix `a` in place, with `permute` and `scale`
/// phases as `dgebal`'s job `'B'`.
pub(crate) fn balance<T: Float>(a: &mut [T], n: usize) -> Balance<T> {
    let mut perm: Vec<usize> = (0..n).collect();
    let mut scale = vec![T::ONE; n];
    if n == 0 {
        return Balance {
            ilo: 0,
            ihi: 0,
            scale,
            perm,
        };
    }
    // Rows that are zero off the diagonal (within columns 0..=l) go to the bottom.
    let mut k = 0usize;
    let mut l = n - 1;
    while let Some(i) = (0..=l)
        .rev()
        .find(|&i| (0..=l).all(|j| j == i || a[i + j * n] == T::ZERO))
    {
        perm[l] = i;
        swap_rc(a, n, i, l, k, l);
        if l == 0 {
            return Balance {
                ilo: 0,
                ihi: 0,
                scale,
                perm,
            };
        }
        l -= 1;
    }
    // Columns that are zero off the diagonal (within rows k..=l) go to the top.
    // (A last 1 x 1 block stays the active block: `ilo <= ihi` always.)
    while k < l {
        let Some(j) = (k..=l).find(|&j| (k..=l).all(|i| i == j || a[i + j * n] == T::ZERO)) else {
            break;
        };
        perm[k] = j;
        swap_rc(a, n, j, k, k, l);
        k += 1;
    }
    // Scaling by powers of 2 until no row/column pair changes its sum of norms by 5%.
    let radix = T::of(2.0);
    let factor = T::of(0.95);
    let sfmin1 = T::min_positive_value() / T::epsilon();
    let sfmax1 = T::ONE / sfmin1;
    let sfmin2 = sfmin1 * radix;
    let sfmax2 = T::ONE / sfmin2;
    // At most a few hundred passes are ever needed (each pass moves a scale by a power of 2
    // within the exponent range); the bound only guards against a cycle.
    let mut row = Vec::with_capacity(l + 1 - k);
    for _pass in 0..2000 {
        let mut changed = false;
        for i in k..=l {
            let mut c = norm2(&a[k + i * n..=l + i * n]);
            row.clear();
            row.extend((k..=l).map(|j| a[i + j * n]));
            let mut r = norm2(&row);
            let mut ca = (0..=l).fold(T::ZERO, |m, j| m.max(a[j + i * n].abs()));
            let mut ra = (k..n).fold(T::ZERO, |m, j| m.max(a[i + j * n].abs()));
            if c == T::ZERO || r == T::ZERO {
                continue;
            }
            let s = c + r;
            let mut f = T::ONE;
            let mut g = r / radix;
            while c < g && f.max(c).max(ca) < sfmax2 && r.min(g).min(ra) > sfmin2 {
                f *= radix;
                c *= radix;
                ca *= radix;
                r /= radix;
                g /= radix;
                ra /= radix;
            }
            g = c / radix;
            while g >= r && r.max(ra) < sfmax2 && f.min(c).min(g).min(ca) > sfmin2 {
                f /= radix;
                c /= radix;
                g /= radix;
                ca /= radix;
                r *= radix;
                ra *= radix;
            }
            if c + r >= factor * s {
                continue;
            }
            if f < T::ONE && scale[i] < T::ONE && f * scale[i] <= sfmin1 {
                continue;
            }
            if f > T::ONE && scale[i] > T::ONE && scale[i] >= sfmax1 / f {
                continue;
            }
            scale[i] *= f;
            changed = true;
            let g = T::ONE / f;
            for j in k..n {
                a[i + j * n] *= g;
            }
            for j in 0..=l {
                a[j + i * n] *= f;
            }
        }
        if !changed {
            break;
        }
    }
    Balance {
        ilo: k,
        ihi: l,
        scale,
        perm,
    }
}

/// Turns the eigenvectors of the balanced matrix (columns of the column-major `n x cols`
/// matrix `v`) into those of the original one: `V <- P D V` (`dgebak`).
pub(crate) fn back_transform<T: Float>(bal: &Balance<T>, v: &mut [T], n: usize, cols: usize) {
    if n == 0 {
        return;
    }
    for i in bal.ilo..=bal.ihi {
        let s = bal.scale[i];
        if s != T::ONE {
            for c in 0..cols {
                v[i + c * n] *= s;
            }
        }
    }
    // The isolations are undone in the reverse of the order they were made.
    let swap_rows = |v: &mut [T], i: usize, k: usize| {
        if i != k {
            for c in 0..cols {
                v.swap(i + c * n, k + c * n);
            }
        }
    };
    for i in (0..bal.ilo).rev() {
        swap_rows(v, i, bal.perm[i]);
    }
    for i in bal.ihi + 1..n {
        swap_rows(v, i, bal.perm[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `A V` for column-major `a` (n x n) and `v` (n x n).
    fn mul(a: &[f64], v: &[f64], n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n * n];
        for j in 0..n {
            for k in 0..n {
                for i in 0..n {
                    out[i + j * n] += a[i + k * n] * v[k + j * n];
                }
            }
        }
        out
    }

    #[test]
    fn balanced_matrix_is_similar_through_the_back_transform() {
        // A badly scaled matrix with an isolated row and column: B = T^-1 A T, so A T = T B
        // with T = back_transform(I).
        let n = 5;
        let mut a = vec![0.0; n * n];
        let rows = [
            [1.0, 1e6, 0.0, 2.0, 3.0],
            [1e-6, 2.0, 0.0, 4e-3, 1.0],
            [0.0, 0.0, 7.0, 0.0, 0.0],
            [5.0, 3e4, 1.0, 1.0, 2.0],
            [0.0, 0.0, 0.0, 0.0, -1.0],
        ];
        for i in 0..n {
            for j in 0..n {
                a[i + j * n] = rows[i][j];
            }
        }
        let a0 = a.clone();
        let bal = balance(&mut a, n);
        assert!(bal.ilo <= bal.ihi && bal.ihi < n);
        // Below the block and left of it the balanced matrix is upper triangular.
        for j in 0..n {
            for i in j + 1..n {
                if j < bal.ilo || i > bal.ihi {
                    assert_eq!(a[i + j * n], 0.0, "({i}, {j})");
                }
            }
        }
        let mut t = vec![0.0; n * n];
        for i in 0..n {
            t[i + i * n] = 1.0;
        }
        back_transform(&bal, &mut t, n, n);
        let lhs = mul(&a0, &t, n);
        let rhs = mul(&t, &a, n);
        for (x, y) in lhs.iter().zip(&rhs) {
            assert!((x - y).abs() <= 1e-9 * (1.0 + x.abs()), "{x} vs {y}");
        }
        // The scaling shrank the norm.
        let norm = |m: &[f64]| m.iter().map(|x| x * x).sum::<f64>().sqrt();
        assert!(norm(&a) < 0.01 * norm(&a0));
    }
}
