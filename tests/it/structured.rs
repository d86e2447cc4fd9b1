//! Structured matrices and convolution against dense equivalents and the definitions, with
//! each path (direct, FFT) forced (the conformance cases run on both paths in the
//! `shaped-conformance` package, `structured_paths.rs`).

use proptest::prelude::*;
use shaped::structured::{
    Circulant, Diagonal, Method, Mode, Toeplitz, convolve, convolve_full, convolve_same,
    convolve_valid,
};
use shaped::{AnyDim, Const, ConvFullOf, ConvValidOf, Dyn, MaxOf, Tensor, Vector, tensor};

fn dvec(v: &[f64]) -> Tensor<f64, (Dyn,)> {
    Tensor::from_vec((Dyn(v.len()),), v.to_vec()).unwrap()
}

/// numpy.convolve by its definition, in the given mode.
fn naive_convolve(a: &[f64], v: &[f64], mode: Mode) -> Vec<f64> {
    let (m, n) = (a.len(), v.len());
    let full: Vec<f64> = (0..m + n - 1)
        .map(|k| {
            (0..m)
                .filter(|&j| k >= j && k - j < n)
                .map(|j| a[j] * v[k - j])
                .sum()
        })
        .collect();
    let (short, long) = (m.min(n), m.max(n));
    match mode {
        Mode::Full => full,
        Mode::Valid => full[short - 1..long].to_vec(),
        Mode::Same => {
            let lo = (short - 1) / 2;
            full[lo..lo + long].to_vec()
        }
    }
}

/// The error bound of a length-k product of the FFT path: a few eps * log2(L) * ||a||_2 ||v||_2.
fn fft_bound(a: &[f64], v: &[f64]) -> f64 {
    let l = (a.len() + v.len()) as f64;
    let na = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nv = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    8.0 * f64::EPSILON * l.log2().max(1.0) * na * nv + f64::MIN_POSITIVE
}

fn signal(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-8i32..=8, len)
        .prop_map(|v| v.into_iter().map(|x| x as f64 * 0.125).collect())
}

const MODES: [Mode; 3] = [Mode::Full, Mode::Valid, Mode::Same];

proptest! {
    /// The direct path is exact on short dyadic values; the FFT path within its bound.
    #[test]
    fn convolution_matches_its_definition(a in signal(1..40), v in signal(1..40)) {
        let (av, vv) = (dvec(&a), dvec(&v));
        for mode in MODES {
            let want = naive_convolve(&a, &v, mode);
            let d = convolve(&av, &vv, mode, Method::Direct).unwrap();
            prop_assert_eq!(d.as_slice(), &want[..], "direct, {:?}", mode);
            let f = convolve(&av, &vv, mode, Method::Fft).unwrap();
            prop_assert_eq!(f.numel(), want.len());
            let bound = fft_bound(&a, &v);
            for (x, y) in f.iter().zip(&want) {
                prop_assert!((x - y).abs() <= bound, "fft {:?}: {} vs {} (bound {:e})", mode, x, y, bound);
            }
            let auto = convolve(&av, &vv, mode, Method::Auto).unwrap();
            let typed = match mode {
                Mode::Full => convolve_full(&av, &vv).into_dyn(),
                Mode::Valid => convolve_valid(&av, &vv).into_dyn(),
                Mode::Same => convolve_same(&av, &vv).into_dyn(),
            };
            prop_assert_eq!(auto.as_slice(), typed.as_slice());
        }
    }

    #[test]
    fn toeplitz_matvec_equals_dense(c in signal(1..30), r in signal(1..30), x0 in -8i32..8, seed in any::<u64>()) {
        let mut r = r;
        r[0] = c[0];
        let (m, n) = (c.len(), r.len());
        let t = Toeplitz::new(&dvec(&c), &dvec(&r)).unwrap();
        let dense = t.to_dense();
        for i in 0..m {
            for j in 0..n {
                let want = if i >= j { c[i - j] } else { r[j - i] };
                prop_assert_eq!(dense[[i, j]], want);
            }
        }
        let x: Vec<f64> = (0..n).map(|k| (((seed >> (k % 61)) & 15) as f64 - 7.0 + x0 as f64) * 0.5).collect();
        let want: Vec<f64> = (0..m).map(|i| (0..n).map(|j| dense[[i, j]] * x[j]).sum()).collect();
        let xv = dvec(&x);
        let d = t.matvec_with(&xv, Method::Direct);
        prop_assert_eq!(d.as_slice(), &want[..]);
        let f = t.matvec_with(&xv, Method::Fft);
        let mut full = c.clone();
        full.extend_from_slice(&r);
        let bound = fft_bound(&full, &x);
        for (a, b) in f.iter().zip(&want) {
            prop_assert!((a - b).abs() <= bound);
        }
    }

    #[test]
    fn circulant_matvec_equals_dense(c in signal(1..40), seed in any::<u64>()) {
        let n = c.len();
        let circ = Circulant::new(&dvec(&c));
        let dense = circ.to_dense();
        let x: Vec<f64> = (0..n).map(|k| ((seed >> (k % 61)) & 15) as f64 - 7.5).collect();
        let want: Vec<f64> = (0..n).map(|i| (0..n).map(|j| dense[[i, j]] * x[j]).sum()).collect();
        for i in 0..n {
            for j in 0..n {
                prop_assert_eq!(dense[[i, j]], c[(i + n - j) % n]);
            }
        }
        let xv = dvec(&x);
        let d = circ.matvec_with(&xv, Method::Direct);
        prop_assert_eq!(d.as_slice(), &want[..]);
        let bound = fft_bound(&c, &x);
        for (a, b) in circ.matvec_with(&xv, Method::Fft).iter().zip(&want) {
            prop_assert!((a - b).abs() <= bound);
        }
    }

    #[test]
    fn diagonal_matvec_equals_dense(d in signal(0..20)) {
        let n = d.len();
        let diag = Diagonal::new(&dvec(&d));
        let dense = diag.to_dense();
        let x: Vec<f64> = (0..n).map(|k| k as f64 - 3.0).collect();
        let y = diag.matvec(&dvec(&x));
        for i in 0..n {
            let w: f64 = (0..n).map(|j| dense[[i, j]] * x[j]).sum();
            prop_assert_eq!(y[[i]], w);
        }
    }
}

/// Large sizes, where the FFT path is what `Auto` takes: it agrees with the direct loop
/// within `8 eps log2(L) ||a|| ||v||`, for lengths of every kind (powers of two, primes).
#[test]
fn fft_agrees_with_direct_at_large_sizes() {
    let noise = |n: usize, s: u64| -> Vec<f64> {
        let mut x = s.wrapping_mul(0x9E3779B97F4A7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
            })
            .collect()
    };
    for &(m, n) in &[
        (1024, 1024),
        (4099, 257),
        (3000, 1),
        (2048, 4096),
        (65, 1031),
    ] {
        let (a, v) = (noise(m, m as u64), noise(n, n as u64 + 1));
        let (av, vv) = (dvec(&a), dvec(&v));
        let bound = fft_bound(&a, &v);
        for mode in MODES {
            let d = convolve(&av, &vv, mode, Method::Direct).unwrap();
            let f = convolve(&av, &vv, mode, Method::Fft).unwrap();
            let err = d
                .iter()
                .zip(f.iter())
                .fold(0.0f64, |e, (x, y)| e.max((x - y).abs()));
            assert!(
                err <= bound,
                "{m}x{n} {mode:?}: error {err:e} above {bound:e}"
            );
        }
    }
    for &n in &[1000, 1021, 4096] {
        let (c, x) = (noise(n, 3), noise(n, 4));
        let circ = Circulant::new(&dvec(&c));
        let d = circ.matvec_with(&dvec(&x), Method::Direct);
        let f = circ.matvec_with(&dvec(&x), Method::Fft);
        let err = d
            .iter()
            .zip(f.iter())
            .fold(0.0f64, |e, (a, b)| e.max((a - b).abs()));
        assert!(err <= fft_bound(&c, &x), "circulant {n}: {err:e}");
        let mut r = noise(n / 2 + 3, 5);
        r[0] = c[0];
        let t = Toeplitz::new(&dvec(&c), &dvec(&r)).unwrap();
        let xr = dvec(&x[..r.len()]);
        let d = t.matvec_with(&xr, Method::Direct);
        let f = t.matvec_with(&xr, Method::Fft);
        let mut all = c.clone();
        all.extend_from_slice(&r);
        let err = d
            .iter()
            .zip(f.iter())
            .fold(0.0f64, |e, (a, b)| e.max((a - b).abs()));
        assert!(err <= fft_bound(&all, &x), "toeplitz {n}: {err:e}");
    }
}

/// Signals of very different magnitudes: the packed FFT keeps the small one's precision.
#[test]
fn fft_keeps_precision_across_magnitudes() {
    let a: Vec<f64> = (0..300).map(|k| ((k * 7) % 11) as f64 - 5.0).collect();
    let v: Vec<f64> = (0..200)
        .map(|k| (((k * 5) % 13) as f64 - 6.0) * 1e-12)
        .collect();
    let want = naive_convolve(&a, &v, Mode::Full);
    let f = convolve(&dvec(&a), &dvec(&v), Mode::Full, Method::Fft).unwrap();
    for (x, y) in f.iter().zip(&want) {
        assert!((x - y).abs() <= fft_bound(&a, &v), "{x} vs {y}");
    }
}

#[test]
fn output_lengths_are_in_the_type() {
    let a: Vector<f64, 5> = tensor![1.0, 2.0, 3.0, 4.0, 5.0];
    let v: Vector<f64, 3> = tensor![1.0, 0.0, -1.0];
    let full: Tensor<f64, (ConvFullOf<Const<5>, Const<3>>,)> = convolve_full(&a, &v);
    let valid: Tensor<f64, (ConvValidOf<Const<5>, Const<3>>,)> = convolve_valid(&a, &v);
    let same: Tensor<f64, (MaxOf<Const<5>, Const<3>>,)> = convolve_same(&a, &v);
    assert_eq!(<ConvFullOf<Const<5>, Const<3>> as AnyDim>::STATIC, Some(7));
    assert_eq!(<ConvValidOf<Const<3>, Const<5>> as AnyDim>::STATIC, Some(3));
    assert_eq!(<MaxOf<Const<5>, Const<3>> as AnyDim>::STATIC, Some(5));
    assert_eq!(full.as_slice(), &[1.0, 2.0, 2.0, 2.0, 2.0, -4.0, -5.0]);
    assert_eq!(valid.as_slice(), &[2.0, 2.0, 2.0]);
    assert_eq!(same.as_slice(), &[2.0, 2.0, 2.0, 2.0, -4.0]);
    // Back to plain static vectors: the reshape is checked when the program is built.
    let f7: Vector<f64, 7> = full.clone().reshape::<(Const<7>,)>();
    assert_eq!(f7.dims(), [7]);
    // A Dyn input makes the output length Dyn-like.
    let vd = dvec(&[1.0, 0.0, -1.0]);
    let fd = convolve_full(&a, &vd);
    assert_eq!(<ConvFullOf<Const<5>, Dyn> as AnyDim>::STATIC, None);
    assert_eq!(fd.as_slice(), full.as_slice());
    // Strided views are accepted.
    let m = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(5), Dyn(2)), |[i, j]| {
        if j == 0 { a[[i]] } else { 0.0 }
    });
    assert_eq!(convolve_full(&m.col(0), &v).as_slice(), full.as_slice());
    assert_eq!(convolve_full(&a.view(), &v).as_slice(), full.as_slice());
}

#[test]
fn toeplitz_rejects_disagreeing_corner_and_empty_input() {
    let e = Toeplitz::new(&dvec(&[1.0, 2.0]), &dvec(&[2.0])).unwrap_err();
    assert!(e.to_string().contains("c[0] = 1 and r[0] = 2"), "{e}");
    let e = Toeplitz::new(&dvec(&[]), &dvec(&[1.0])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "toeplitz: the first column (0,) and the first row (1,) must both be non-empty"
    );
    let e = Toeplitz::new(&dvec(&[f64::NAN]), &dvec(&[f64::NAN])).unwrap_err();
    assert!(e.to_string().contains("must agree"));
}

#[test]
#[should_panic(expected = "convolve_same: cannot convolve (2,) with (0,)")]
fn empty_convolution_panics() {
    let _ = convolve_same(&dvec(&[1.0, 2.0]), &dvec(&[]));
}

#[test]
fn f32_paths_agree() {
    let a: Vec<f32> = (0..500).map(|k| ((k * 7) % 11) as f32 - 5.0).collect();
    let v: Vec<f32> = (0..400).map(|k| ((k * 3) % 7) as f32 - 3.0).collect();
    let av = Tensor::<f32, (Dyn,)>::from_vec((Dyn(500),), a).unwrap();
    let vv = Tensor::<f32, (Dyn,)>::from_vec((Dyn(400),), v).unwrap();
    let d = convolve(&av, &vv, Mode::Full, Method::Direct).unwrap();
    let f = convolve(&av, &vv, Mode::Full, Method::Fft).unwrap();
    // Integers: the direct sum is exact (below 2^24); the FFT within its bound.
    let bound = 8.0 * f32::EPSILON * 10.0 * (500.0f32 * 25.0).sqrt() * (400.0f32 * 9.0).sqrt();
    for (x, y) in d.iter().zip(f.iter()) {
        assert!((x - y).abs() <= bound, "{x} vs {y}");
    }
}

proptest! {
    #[test]
    fn block_diagonal_matvec_equals_dense(sizes in prop::collection::vec((0usize..4, 0usize..4), 0..5), seed in any::<u64>()) {
        use shaped::structured::BlockDiagonal;
        let blocks: Vec<Tensor<f64, (Dyn, Dyn)>> = sizes
            .iter()
            .enumerate()
            .map(|(b, &(r, c))| {
                Tensor::from_fn_with((Dyn(r), Dyn(c)), |[i, j]| ((b * 7 + i * 3 + j + seed as usize % 5) % 9) as f64 - 4.0)
            })
            .collect();
        let a = BlockDiagonal::new(blocks.clone());
        let [m, n] = a.dims();
        let dense = a.to_dense();
        prop_assert_eq!(dense.dims(), [m, n]);
        // Each block sits at its offsets; everything else is zero.
        let (mut r0, mut c0) = (0, 0);
        let mut nonzero_budget = 0;
        for b in &blocks {
            let [br, bc] = b.dims();
            for i in 0..br {
                for j in 0..bc {
                    prop_assert_eq!(dense[[r0 + i, c0 + j]], b[[i, j]]);
                }
            }
            nonzero_budget += br * bc;
            r0 += br;
            c0 += bc;
        }
        let nonzeros = dense.iter().filter(|&&v| v != 0.0).count();
        prop_assert!(nonzeros <= nonzero_budget);
        let x: Vec<f64> = (0..n).map(|k| k as f64 - 2.0).collect();
        let y = a.matvec(&dvec(&x));
        for i in 0..m {
            let w: f64 = (0..n).map(|j| dense[[i, j]] * x[j]).sum();
            prop_assert_eq!(y[[i]], w);
        }
    }
}
