//! The checks behind the fuzz targets (`fuzz_targets/*.rs`), one function a target: each takes
//! the fuzzer's bytes, drives a public API with them and panics when a property fails (a
//! panic inside a `Result` API is a failure too). Plain Rust with no fuzzing dependency, so
//! that the integration tests replay the committed corpora through the same functions
//! (`tests/it/fuzz_replay.rs`) on the stable toolchain.

use shaped::einsum::{Operand, einsum_dyn, plan};
use shaped::sparse::Csr;
use shaped::structured::{Method, Toeplitz};
use shaped::{Dyn, Tensor, TensorView};

/// Reads the fuzzer's bytes as small numbers; past the end, zeros.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    /// A size: mostly small, sometimes huge (to reach the overflow checks).
    fn size(&mut self) -> usize {
        match self.u8() {
            250 => usize::MAX,
            251 => 1 << 32,
            252 => 1 << 40,
            253 => (1 << 62) + 1,
            b => (b % 6) as usize,
        }
    }

    /// A small integer or NaN: sums of products stay exact, and NaN reaches the same outputs
    /// in any order of contraction (an infinity would not: 0 * inf is NaN in one order only).
    fn finite_or_nan(&mut self) -> f64 {
        match self.u8() {
            b if b >= 250 => f64::NAN,
            b => (b % 17) as f64 - 8.0,
        }
    }

    /// A value: a small integer (sums of products stay exact), or NaN / inf / 0.
    fn value(&mut self) -> f64 {
        match self.u8() {
            255 => f64::NAN,
            254 => f64::INFINITY,
            253 => f64::NEG_INFINITY,
            b => (b % 17) as f64 - 8.0,
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// `.npy` reading: never a panic; what reads writes back to the same bytes' array.
pub fn npy(data: &[u8]) {
    if let Ok(t) = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(data) {
        let back = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(&t.to_npy_bytes()).unwrap();
        assert_eq!(back.dims(), t.dims());
        assert!(back.iter().zip(t.iter()).all(|(a, b)| same(*a, *b)));
    }
    if let Ok(t) = Tensor::<f32, (Dyn,)>::from_npy_bytes(data) {
        let back = Tensor::<f32, (Dyn,)>::from_npy_bytes(&t.to_npy_bytes()).unwrap();
        assert_eq!(back.dims(), t.dims());
    }
    let _ = Tensor::<f32, (Dyn, Dyn, Dyn)>::from_npy_bytes(data);
    let _ = Tensor::<f64, ()>::from_npy_bytes(data);
}

/// `Csr::from_parts` and `from_triplets`: never a panic; an accepted matrix holds exactly its
/// parts, and its product with a vector is the dense one's.
pub fn csr(data: &[u8]) {
    let mut b = Bytes(data);
    let (rows, cols) = (b.size(), b.size());
    let np = (b.u8() % 8) as usize;
    let indptr: Vec<usize> = (0..np).map(|_| b.size()).collect();
    let nnz = (b.u8() % 8) as usize;
    let indices: Vec<usize> = (0..nnz).map(|_| b.size()).collect();
    let values: Vec<f64> = (0..nnz).map(|_| b.value()).collect();
    let triplets: Vec<(usize, usize, f64)> = (0..nnz)
        .map(|k| (b.size(), indices[k], values[k]))
        .collect();
    // Row counts that fit in a usize but not in memory (2^32, 2^40) would try to allocate: a
    // legitimate request, skipped; those whose row pointers cannot exist are tried.
    let allocatable = rows <= 1 << 20 || rows >= 1 << 62;
    // The dense checks allocate rows x cols and a vector of cols.
    let small = rows <= 64 && cols <= 64;
    if let Ok(a) = Csr::<f64, Dyn, Dyn>::from_parts(
        (Dyn(rows), Dyn(cols)),
        indptr.clone(),
        indices.clone(),
        values.clone(),
    ) && small
    {
        check_csr(&a, rows, cols, |dense| {
            for i in 0..rows {
                for k in indptr[i]..indptr[i + 1] {
                    dense[i * cols + indices[k]] = values[k];
                }
            }
        });
    }
    if !allocatable {
        return;
    }
    if let Ok(a) = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(rows), Dyn(cols)), &triplets)
        && small
    {
        check_csr(&a, rows, cols, |dense| {
            for &(i, j, v) in &triplets {
                dense[i * cols + j] += v;
            }
        });
    }
}

fn check_csr(a: &Csr<f64, Dyn, Dyn>, rows: usize, cols: usize, fill: impl FnOnce(&mut [f64])) {
    let mut want = vec![0.0; rows * cols];
    fill(&mut want);
    let d = a.to_dense();
    assert!(d.as_slice().iter().zip(&want).all(|(x, y)| same(*x, *y)));
    let x: Vec<f64> = (0..cols).map(|j| j as f64 - 1.0).collect();
    let y = a.matvec(&Tensor::from_vec((Dyn(cols),), x.clone()).unwrap());
    for i in 0..rows {
        let w: f64 = (0..cols).map(|j| want[i * cols + j] * x[j]).sum();
        assert!(same(y[[i]], w) || (y[[i]] - w).abs() <= 1e-9 * w.abs().max(1.0));
    }
}

/// `einsum_dyn` against a naive contraction over every index, on specs built from the
/// bytes (1 to 3 operands, letters `a` to `d`, sizes 1 to 3), and `plan` on huge sizes.
pub fn einsum(data: &[u8]) {
    let mut b = Bytes(data);
    let sizes: Vec<usize> = (0..4).map(|_| 1 + (b.u8() % 3) as usize).collect();
    let n_ops = 1 + (b.u8() % 3) as usize;
    let mut terms: Vec<Vec<usize>> = Vec::new();
    for _ in 0..n_ops {
        let rank = (b.u8() % 4) as usize;
        terms.push((0..rank).map(|_| (b.u8() % 4) as usize).collect());
    }
    let mut used: Vec<usize> = terms.iter().flatten().copied().collect();
    used.sort_unstable();
    used.dedup();
    let out: Vec<usize> = used.iter().copied().filter(|_| b.u8() % 2 == 0).collect();
    let letters = |t: &[usize]| {
        t.iter()
            .map(|&l| (b'a' + l as u8) as char)
            .collect::<String>()
    };
    let spec = format!(
        "{}->{}",
        terms
            .iter()
            .map(|t| letters(t))
            .collect::<Vec<_>>()
            .join(","),
        letters(&out)
    );
    let dims: Vec<Vec<usize>> = terms
        .iter()
        .map(|t| t.iter().map(|&l| sizes[l]).collect())
        .collect();
    let datas: Vec<Vec<f64>> = dims
        .iter()
        .map(|d| {
            (0..d.iter().product::<usize>())
                .map(|_| b.finite_or_nan())
                .collect()
        })
        .collect();
    let strides: Vec<Vec<usize>> = dims
        .iter()
        .map(|d| (0..d.len()).map(|i| d[i + 1..].iter().product()).collect())
        .collect();
    let ops: Vec<Operand<'_, f64>> = (0..n_ops)
        .map(|k| Operand::from_raw(&datas[k], &dims[k], &strides[k]).unwrap())
        .collect();
    let got = einsum_dyn(&spec, &ops).unwrap();
    let want = naive_einsum(&terms, &out, &sizes, &datas);
    assert_eq!(
        got.dims,
        out.iter().map(|&l| sizes[l]).collect::<Vec<_>>(),
        "{spec}"
    );
    for (g, w) in got.data.iter().zip(&want) {
        assert!(same(*g, *w), "{spec}: {g} vs {w}");
    }
    // The planner on sizes from the bytes, huge ones included: an error or a plan, no panic.
    let shapes: Vec<Vec<usize>> = terms
        .iter()
        .map(|t| t.iter().map(|_| b.size()).collect())
        .collect();
    let refs: Vec<&[usize]> = shapes.iter().map(|s| &s[..]).collect();
    let _ = plan(&spec, &refs);
}

/// The contraction by its definition: every assignment of the letters.
fn naive_einsum(
    terms: &[Vec<usize>],
    out: &[usize],
    sizes: &[usize],
    datas: &[Vec<f64>],
) -> Vec<f64> {
    let out_len: usize = out.iter().map(|&l| sizes[l]).product();
    let mut res = vec![0.0; out_len];
    let total: usize = sizes.iter().product();
    for flat in 0..total {
        let mut idx = [0usize; 4];
        let mut r = flat;
        for l in (0..4).rev() {
            idx[l] = r % sizes[l];
            r /= sizes[l];
        }
        // each assignment of the letters no term uses is counted once, not sizes[l] times
        let used = |l: usize| terms.iter().any(|t| t.contains(&l));
        if (0..4).any(|l| !used(l) && idx[l] != 0) {
            continue;
        }
        let mut p = 1.0;
        for (t, d) in terms.iter().zip(datas) {
            let off = t.iter().fold(0, |o, &l| o * sizes[l] + idx[l]);
            p *= d[off];
        }
        let o = out.iter().fold(0, |o, &l| o * sizes[l] + idx[l]);
        res[o] += p;
    }
    res
}

/// Construction and reshaping with sizes from the bytes (huge ones included), and
/// `Toeplitz::new` with values from them: errors or right answers, never a panic.
pub fn shapes(data: &[u8]) {
    let mut b = Bytes(data);
    let dims = [b.size(), b.size(), b.size()];
    let len = (b.u8() % 40) as usize;
    let v: Vec<f64> = (0..len).map(|_| b.value()).collect();
    let fits = dims
        .iter()
        .try_fold(1usize, |acc, &d| {
            if d == 0 {
                Some(acc)
            } else {
                acc.checked_mul(d)
            }
        })
        .map(|n| if dims.contains(&0) { 0 } else { n });
    let shape = (Dyn(dims[0]), Dyn(dims[1]), Dyn(dims[2]));
    let ok = fits == Some(len);
    assert_eq!(
        Tensor::<f64, (Dyn, Dyn, Dyn)>::from_vec(shape, v.clone()).is_ok(),
        ok
    );
    assert_eq!(
        Tensor::<f64, (Dyn, Dyn, Dyn)>::from_slice(shape, &v).is_ok(),
        ok
    );
    assert_eq!(
        TensorView::<f64, (Dyn, Dyn, Dyn)>::from_slice(&v, shape).is_ok(),
        ok
    );
    let flat = Tensor::<f64, (Dyn,)>::from_vec((Dyn(len),), v.clone()).unwrap();
    match flat.try_reshape_with(shape) {
        Ok(t) => {
            assert!(ok);
            assert!(t.iter().zip(&v).all(|(a, b)| same(*a, *b)));
        }
        Err(_) => assert!(!ok),
    }
    // Toeplitz: first column and row from the values.
    let (m, n) = (1 + (b.u8() % 6) as usize, (b.u8() % 6) as usize);
    let c: Vec<f64> = (0..m).map(|_| b.value()).collect();
    let mut r: Vec<f64> = (0..n).map(|_| b.value()).collect();
    if b.u8() % 2 == 0 && n > 0 {
        r[0] = c[0];
    }
    let cv = Tensor::from_vec((Dyn(m),), c.clone()).unwrap();
    let rv = Tensor::from_vec((Dyn(n),), r.clone()).unwrap();
    match Toeplitz::new(&cv, &rv) {
        Ok(t) => {
            assert!(n > 0 && c[0] == r[0]);
            let d = t.to_dense();
            for i in 0..m {
                for j in 0..n {
                    let want = if i >= j { c[i - j] } else { r[j - i] };
                    assert!(same(d[[i, j]], want));
                }
            }
            if d.iter().all(|x| x.is_finite()) {
                let x =
                    Tensor::from_vec((Dyn(n),), (0..n).map(|j| j as f64 + 1.0).collect()).unwrap();
                let (yd, yf) = (
                    t.matvec_with(&x, Method::Direct),
                    t.matvec_with(&x, Method::Fft),
                );
                assert!(
                    yd.iter()
                        .zip(yf.iter())
                        .all(|(a, b)| (a - b).abs() <= 1e-9 * a.abs().max(1.0))
                );
            }
        }
        Err(_) => assert!(n == 0 || c[0] != r[0]),
    }
}
