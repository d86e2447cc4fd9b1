//! The arithmetic of the tensor products of numpy.linalg (`kron`, `cross`, `tensordot`,
//! `inner`, `matrix_power`, `multi_dot`): gathers of strided data into row-major buffers,
//! and GEMM over them.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::ops::kernels::for_each_offsets;
use crate::scalar::Float;

/// The elements of a strided tensor (`dims`, `strides` over `data`) in row-major order of its
/// axes read in `order` (a permutation of `0..dims.len()`).
pub(crate) fn gather<T: Copy>(
    data: &[T],
    dims: &[usize],
    strides: &[usize],
    order: &[usize],
) -> Vec<T> {
    let pd: Vec<usize> = order.iter().map(|&i| dims[i]).collect();
    let ps: Vec<usize> = order.iter().map(|&i| strides[i]).collect();
    let mut out = Vec::with_capacity(pd.iter().product());
    for_each_offsets(&pd, [&ps], |[o]| out.push(data[o]));
    out
}

/// `A B` for row-major `a` (p x k) and `b` (k x q): a row-major p x q buffer.
pub(crate) fn product<T: Float>(a: &[T], b: &[T], p: usize, k: usize, q: usize) -> Vec<T> {
    let mut out = vec![T::ZERO; p * q];
    gemm(
        T::ONE,
        MatRef::new(a, p, k, k, 1),
        MatRef::new(b, k, q, q, 1),
        T::ZERO,
        MatMut::new(&mut out, p, q, q, 1),
    );
    out
}

/// The Kronecker product of row-major `a` (m x n) and `b` (p x q): (m p) x (n q), row-major,
/// `out[i p + k, j q + l] = a[i, j] b[k, l]`.
pub(crate) fn kron<T: Float>(a: &[T], m: usize, n: usize, b: &[T], p: usize, q: usize) -> Vec<T> {
    let cols = n * q;
    let mut out = vec![T::ZERO; m * p * cols];
    for i in 0..m {
        for k in 0..p {
            let row = &mut out[(i * p + k) * cols..(i * p + k + 1) * cols];
            for j in 0..n {
                let aij = a[i * n + j];
                for l in 0..q {
                    row[j * q + l] = aij * b[k * q + l];
                }
            }
        }
    }
    out
}

/// The cross product of two 3-vectors.
pub(crate) fn cross3<T: Float>(a: [T; 3], b: [T; 3]) -> [T; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

/// `A^e` for a row-major n x n `a` and `e >= 0`, by repeated squaring (`A^0 = I`).
pub(crate) fn power<T: Float>(a: &[T], n: usize, mut e: u32) -> Vec<T> {
    let mut result: Option<Vec<T>> = None;
    let mut base = a.to_vec();
    while e > 0 {
        if e & 1 == 1 {
            result = Some(match result {
                None => base.clone(),
                Some(r) => product(&r, &base, n, n, n),
            });
        }
        e >>= 1;
        if e > 0 {
            base = product(&base, &base, n, n, n);
        }
    }
    result.unwrap_or_else(|| {
        let mut id = vec![T::ZERO; n * n];
        for i in 0..n {
            id[i * n + i] = T::ONE;
        }
        id
    })
}

/// The cheapest parenthesisation of a chain of matrices of sizes `dims[i] x dims[i + 1]`
/// (the classic dynamic programme, counting multiply-adds): `split[i][j]` is where the
/// product of matrices `i..=j` splits.
pub(crate) fn chain_order(dims: &[usize]) -> Vec<Vec<usize>> {
    let n = dims.len() - 1;
    let mut cost = vec![vec![0u128; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            cost[i][j] = u128::MAX;
            for k in i..j {
                let c = cost[i][k]
                    + cost[k + 1][j]
                    + (dims[i] as u128) * (dims[k + 1] as u128) * (dims[j + 1] as u128);
                if c < cost[i][j] {
                    cost[i][j] = c;
                    split[i][j] = k;
                }
            }
        }
    }
    split
}

/// The product of matrices `i..=j` of a chain (row-major buffers, sizes `dims[i] x
/// dims[i + 1]`) in the order of [`chain_order`].
pub(crate) fn chain_product<T: Float>(
    mats: &[Vec<T>],
    dims: &[usize],
    split: &[Vec<usize>],
    i: usize,
    j: usize,
) -> Vec<T> {
    if i == j {
        return mats[i].clone();
    }
    let k = split[i][j];
    let l = chain_product(mats, dims, split, i, k);
    let r = chain_product(mats, dims, split, k + 1, j);
    product(&l, &r, dims[i], dims[k + 1], dims[j + 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_order_is_the_textbook_one() {
        // CLRS 15.2: ((A1 (A2 A3)) ((A4 A5) A6)).
        let s = chain_order(&[30, 35, 15, 5, 10, 20, 25]);
        assert_eq!(s[0][5], 2);
        assert_eq!(s[0][2], 0);
        assert_eq!(s[3][5], 4);
    }
}
