//! The bad-input suite (issue 15, item 2): every public API that returns a `Result`, fed each
//! class of hostile input; each answer is either the documented error or an `Ok` that passes
//! an identity check (residual, reconstruction, orthogonality, Penrose conditions, or the
//! scale identity `f(s A) = s^p f(A)` against the unscaled answer). Nothing may panic.
//!
//! What each API promises (`E:nf` NonFinite, `E:sg` Singular, `E:pd` NotPositiveDefinite,
//! `E:sh` a shape error, `ok` an `Ok` that passes its identity check; "scales" are the
//! matrices scaled to a largest entry of 1e-310 (subnormal), 1e-300, 1e300 and `f64::MAX`,
//! checked against the unscaled answer; where that answer is not representable, e.g. the
//! inverse of a subnormal matrix, an infinity of the right sign is the answer):
//!
//! | API                       | NaN, +-Inf | empty        | 1 x 1 | singular | rank-def. | not PD | spectra | graded | scales | shape / overflow |
//! |---------------------------|------------|--------------|-------|----------|-----------|--------|---------|--------|--------|------------------|
//! | `solve`, `Lu::solve`      | E:nf       | ok (0 x 0)   | ok    | E:sg     | E:sg      | ok     | ok      | ok     | ok     | E:sh             |
//! | `inv`, `Lu::inverse`      | E:nf       | ok           | ok    | E:sg     | E:sg      | ok     | ok      | ok     | ok     | E:sh             |
//! | `cholesky` + `solve`      | E:nf       | ok           | ok    | E:pd     | E:pd      | E:pd   | ok      | ok     | ok     | E:sh             |
//! | `solve_triangular`        | E:nf       | ok           | ok    | E:sg     | --        | ok     | ok      | ok     | ok     | E:sh             |
//! | `eigh`                    | E:nf       | ok           | ok    | ok       | ok        | ok     | ok      | ok     | ok     | E:sh             |
//! | `qr`, `svd`, `singular_values` | E:nf  | ok (0 x n, m x 0) | ok | ok     | ok        | ok     | ok      | ok     | ok     | --               |
//! | `lstsq`, `pinv`, `try_matrix_rank` | E:nf | ok        | ok    | ok       | ok        | ok     | ok      | ok     | ok     | E:sh (lstsq)     |
//! | `project`                 | E:nf       | ok           | ok    | ok       | ok        | ok     | ok      | ok     | ok     | E:sh             |
//! | `pca_dyn`, `low_rank_dyn` | E:nf       | E:sh (K > min) | ok  | ok       | ok        | ok     | ok      | ok     | ok     | E:sh (K > min)   |
//! | `from_vec`, `from_slice`, `TensorView::from_slice`, `try_reshape_with` | ok | ok | ok | | | | | | | E:sh (count, overflow) |
//! | `Csr::from_parts`, `from_triplets` | ok (NaN stored) | ok | ok | | | | | | | data error (rules, overflow) |
//! | `einsum_dyn`, `plan`      | ok (NaN where numpy has it) | ok | ok | | | | | | | E:sh (sizes, overflow) |
//! | `try_convolve_*`          | ok (NaN local) | E:sh     | ok    |          |           |        |         |        | ok     | --               |
//! | `Toeplitz::new`           | data error (NaN corner) | data error | ok | | | | | | | data error (corner) |
//!
//! "spectra" are repeated (2 I) and clustered (eigenvalues 1, 1 + 1e-14, 1 + 2e-14)
//! spectra; "graded" is `D B D` with `D = diag(1, 1e-6, 1e-12)`. `lstsq` of a rank-deficient
//! matrix is the minimum-norm solution (checked against `pinv(A) b`); `try_matrix_rank` is
//! checked against the known rank.

use shaped::einsum::{Operand, einsum_dyn, plan};
use shaped::sparse::Csr;
use shaped::structured::{Toeplitz, try_convolve_full, try_convolve_same, try_convolve_valid};
use shaped::{DataError, Dyn, LinalgError, Lower, Tensor, TensorView};

pub(crate) type M = Tensor<f64, (Dyn, Dyn)>;
pub(crate) type V = Tensor<f64, (Dyn,)>;

/// The (r, c) matrix of row-major `d` (also the helper of `reliability.rs`).
pub(crate) fn mat(r: usize, c: usize, d: &[f64]) -> M {
    Tensor::from_vec((Dyn(r), Dyn(c)), d.to_vec()).unwrap()
}

/// The vector of `d`.
pub(crate) fn vecd(d: &[f64]) -> V {
    Tensor::from_vec((Dyn(d.len()),), d.to_vec()).unwrap()
}

fn amax(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |m: f64, v| m.max(v.abs()))
}

/// `a b` for row-major `a` (r x k) and `b` (k x c).
fn mul(a: &[f64], b: &[f64], r: usize, k: usize, c: usize) -> Vec<f64> {
    let mut out = vec![0.0; r * c];
    for i in 0..r {
        for p in 0..k {
            for j in 0..c {
                out[i * c + j] += a[i * k + p] * b[p * c + j];
            }
        }
    }
    out
}

fn tr(a: &[f64], r: usize, c: usize) -> Vec<f64> {
    (0..c * r).map(|k| a[(k % r) * c + k / r]).collect()
}

fn eye(n: usize) -> Vec<f64> {
    (0..n * n)
        .map(|k| if k / n == k % n { 1.0 } else { 0.0 })
        .collect()
}

/// `max |x - y| <= tol * max(scale, max |y|)`, every entry finite.
fn near(x: &[f64], y: &[f64], tol: f64, scale: f64) -> bool {
    x.len() == y.len()
        && x.iter().all(|v| v.is_finite())
        && x.iter()
            .zip(y)
            .all(|(a, b)| (a - b).abs() <= tol * scale.max(amax(y)))
}

/// `got` is `s` times `want` where that product is representable, and the infinity of its
/// sign where it overflows (the eigenvalues or singular values of a matrix near `f64::MAX`).
fn scaled_near(got: &[f64], want: &[f64], s: f64, tol: f64) -> bool {
    let bound = tol * amax(want);
    got.len() == want.len()
        && got.iter().zip(want).all(|(&g, &w)| {
            let exact = w * s;
            if exact.is_finite() {
                g.is_finite() && (g / s - w).abs() <= bound
            } else {
                g == exact
            }
        })
}

const TOL: f64 = 1e-10;

// ---------------------------------------------------------------------------------------------
// The matrices.

/// A well-conditioned SPD matrix and a right-hand side.
const B3: [f64; 9] = [4., 1., 0., 1., 3., 1., 0., 1., 2.];
const RHS: [f64; 3] = [1., 0.5, -0.25];
/// A full-rank tall matrix.
const T43: [f64; 12] = [2., 1., 0., 1., 3., 1., 0., 1., 2., 1., 0., 1.];

/// The largest entries of the scaled classes.
const SCALES: [f64; 4] = [1e-310, 1e-300, 1e300, f64::MAX];

/// `a` scaled to a largest magnitude of `target` (which stays finite for `f64::MAX`).
fn scaled(a: &[f64], target: f64) -> Vec<f64> {
    let m = amax(a);
    a.iter().map(|v| v / m * target).collect()
}

/// The square classes that are not scales: name, matrix (n x n).
fn square_classes() -> Vec<(&'static str, usize, Vec<f64>)> {
    let h = |d: [f64; 3]| {
        // H diag(d) H with the Householder reflector H = I - 2 v v^T / 3, v = (1, 1, 1).
        let hm: Vec<f64> = (0..9)
            .map(|k| if k / 3 == k % 3 { 1. / 3. } else { -2. / 3. })
            .collect();
        let dm: Vec<f64> = (0..9)
            .map(|k| if k / 3 == k % 3 { d[k / 3] } else { 0. })
            .collect();
        let a = mul(&mul(&hm, &dm, 3, 3, 3), &hm, 3, 3, 3);
        (0..9)
            .map(|k| (a[k] + a[(k % 3) * 3 + k / 3]) / 2.)
            .collect::<Vec<f64>>()
    };
    let dd = [1., 1e-6, 1e-12];
    let graded: Vec<f64> = (0..9).map(|k| dd[k / 3] * B3[k] * dd[k % 3]).collect();
    vec![
        ("1x1", 1, vec![3.0]),
        ("singular", 3, vec![1., 2., 3., 2., 4., 6., 1., 0., 1.]),
        ("not-pd", 3, vec![1., 2., 0., 2., 1., 0., 0., 0., -3.]),
        ("repeated", 3, vec![2., 0., 0., 0., 2., 0., 0., 0., 2.]),
        ("clustered", 3, h([1., 1. + 1e-14, 1. + 2e-14])),
        ("graded", 3, graded),
        ("base", 3, B3.to_vec()),
    ]
}

fn non_finite() -> Vec<(&'static str, Vec<f64>)> {
    let mut out = Vec::new();
    for (name, v) in [
        ("nan", f64::NAN),
        ("+inf", f64::INFINITY),
        ("-inf", f64::NEG_INFINITY),
    ] {
        // in the lower triangle, so that every API reads it
        let mut a = B3.to_vec();
        a[3] = v;
        out.push((name, a));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Square solvers.

/// `A x = b`: backward error small relative to `|A| |x| + |b|`.
fn solves(a: &[f64], n: usize, x: &[f64], b: &[f64]) -> bool {
    let r = b.len() / n.max(1);
    let ax = mul(a, x, n, n, r);
    let bound = TOL * (amax(a) * amax(x) * n as f64 + amax(b));
    x.iter().all(|v| v.is_finite()) && ax.iter().zip(b).all(|(p, q)| (p - q).abs() <= bound)
}

#[test]
fn solve_lu_inv() {
    for (name, n, a) in square_classes() {
        let am = mat(n, n, &a);
        let b = vecd(&RHS[..n]);
        let r = am.solve(&b);
        let lu = am.lu().unwrap();
        let inv = am.inv();
        if name == "singular" {
            assert!(
                matches!(r, Err(LinalgError::Singular { .. })),
                "{name}: {r:?}"
            );
            assert!(matches!(lu.solve(&b), Err(LinalgError::Singular { .. })));
            assert!(matches!(inv, Err(LinalgError::Singular { .. })), "{name}");
            continue;
        }
        let x = r.unwrap();
        assert!(
            solves(&a, n, x.as_slice(), &RHS[..n]),
            "solve {name}: {x:?}"
        );
        assert_eq!(lu.solve(&b).unwrap().as_slice(), x.as_slice(), "{name}");
        let inv = inv.unwrap();
        assert!(
            solves(&a, n, inv.as_slice(), &eye(n)),
            "inv {name}: {inv:?}"
        );
    }
    let (x0, inv0) = (
        mat(3, 3, &B3).solve(vecd(&RHS)).unwrap(),
        mat(3, 3, &B3).inv().unwrap(),
    );
    for t in SCALES {
        let s = t / 4.0;
        let a = mat(3, 3, &scaled(&B3, t));
        let b = vecd(&RHS.iter().map(|v| v * s).collect::<Vec<_>>());
        let x = a.solve(&b).unwrap();
        assert!(
            near(x.as_slice(), x0.as_slice(), TOL, 0.0),
            "solve at {t:e}: {x:?}"
        );
        let inv = a.inv().unwrap();
        let want: Vec<f64> = inv0.as_slice().iter().map(|v| v / s).collect();
        if want.iter().all(|w| w.is_finite()) {
            assert!(
                near(inv.as_slice(), &want, TOL, 0.0),
                "inv at {t:e}: {inv:?}"
            );
        } else {
            let signs = inv
                .as_slice()
                .iter()
                .zip(&want)
                .all(|(g, w)| g == w || g.signum() == w.signum());
            assert!(signs, "inv at {t:e}: {inv:?}");
        }
    }
    for (name, a) in non_finite() {
        let a = mat(3, 3, &a);
        assert!(
            matches!(a.solve(vecd(&RHS)), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(a.lu(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(a.inv(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
    }
    let ok = mat(3, 3, &B3);
    let bad = vecd(&[1.0, f64::NAN, 0.0]);
    assert!(matches!(ok.solve(&bad), Err(LinalgError::NonFinite { .. })));
    // empty, and run-time shape mismatches
    let e = mat(0, 0, &[]);
    assert_eq!(e.solve(vecd(&[])).unwrap().dims(), [0]);
    assert_eq!(e.inv().unwrap().dims(), [0, 0]);
    assert!(matches!(
        ok.solve(vecd(&[1.0, 2.0])),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        mat(2, 3, &[1.; 6]).solve(vecd(&[1., 2.])),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        mat(2, 3, &[1.; 6]).inv(),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        mat(2, 3, &[1.; 6]).lu(),
        Err(LinalgError::Shape(_))
    ));
}

#[test]
fn cholesky_and_triangular() {
    for (name, n, a) in square_classes() {
        let am = mat(n, n, &a);
        let b = vecd(&RHS[..n]);
        let c = am.cholesky();
        if matches!(name, "singular" | "not-pd") {
            assert!(
                matches!(c, Err(LinalgError::NotPositiveDefinite { .. })),
                "{name}: {c:?}"
            );
        } else {
            let x = c.unwrap().solve(&b).unwrap();
            assert!(
                solves(&a, n, x.as_slice(), &RHS[..n]),
                "cholesky {name}: {x:?}"
            );
        }
        let lower: Vec<f64> = (0..n * n)
            .map(|k| if k % n <= k / n { a[k] } else { 0.0 })
            .collect();
        let t = am.solve_triangular(&b, Lower);
        if lower
            .iter()
            .enumerate()
            .any(|(k, &v)| k / n == k % n && v == 0.0)
        {
            assert!(
                matches!(t, Err(LinalgError::Singular { .. })),
                "{name}: {t:?}"
            );
        } else {
            let x = t.unwrap();
            assert!(
                solves(&lower, n, x.as_slice(), &RHS[..n]),
                "triangular {name}: {x:?}"
            );
        }
    }
    let x0 = mat(3, 3, &B3)
        .cholesky()
        .unwrap()
        .solve(vecd(&RHS))
        .unwrap();
    let t0 = mat(3, 3, &B3).solve_triangular(vecd(&RHS), Lower).unwrap();
    for t in SCALES {
        let s = t / 4.0;
        let a = mat(3, 3, &scaled(&B3, t));
        let b = vecd(&RHS.iter().map(|v| v * s).collect::<Vec<_>>());
        let x = a.cholesky().unwrap().solve(&b).unwrap();
        assert!(
            near(x.as_slice(), x0.as_slice(), TOL, 0.0),
            "cholesky at {t:e}: {x:?}"
        );
        let x = a.solve_triangular(&b, Lower).unwrap();
        assert!(
            near(x.as_slice(), t0.as_slice(), TOL, 0.0),
            "triangular at {t:e}: {x:?}"
        );
    }
    for (name, a) in non_finite() {
        let a = mat(3, 3, &a);
        assert!(
            matches!(a.cholesky(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        let r = a.solve_triangular(vecd(&RHS), Lower);
        assert!(matches!(r, Err(LinalgError::NonFinite { .. })), "{name}");
    }
    let e = mat(0, 0, &[]);
    assert_eq!(e.cholesky().unwrap().solve(vecd(&[])).unwrap().dims(), [0]);
    assert_eq!(e.solve_triangular(vecd(&[]), Lower).unwrap().dims(), [0]);
    let ok = mat(3, 3, &B3);
    assert!(matches!(
        ok.solve_triangular(vecd(&[1.]), Lower),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        ok.cholesky().unwrap().solve(vecd(&[1.])),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        mat(2, 3, &[1.; 6]).cholesky(),
        Err(LinalgError::Shape(_))
    ));
}

#[test]
fn eigh() {
    let check = |name: &str, n: usize, a: &[f64]| {
        let e = mat(n, n, a).eigh().unwrap();
        let (w, v) = (e.values.as_slice(), e.vectors.as_slice());
        assert!(w.windows(2).all(|p| p[0] <= p[1]), "{name}: {w:?}");
        let av = mul(a, v, n, n, n);
        let vw: Vec<f64> = (0..n * n).map(|k| v[k] * w[k % n]).collect();
        assert!(near(&av, &vw, TOL, amax(a)), "eigh {name}: A V != V W");
        assert!(
            near(&mul(&tr(v, n, n), v, n, n, n), &eye(n), TOL, 1.0),
            "eigh {name}: V^T V"
        );
        e
    };
    for (name, n, a) in square_classes() {
        // eigh reads the lower triangle: the matrix it decomposes
        let sym: Vec<f64> = (0..n * n)
            .map(|k| a[(k / n).max(k % n) * n + (k / n).min(k % n)])
            .collect();
        check(name, n, &sym);
    }
    let w0 = check("base", 3, &B3).values;
    for t in SCALES {
        let s = t / 4.0;
        let e = mat(3, 3, &scaled(&B3, t)).eigh().unwrap();
        let got = e.values.as_slice();
        assert!(
            scaled_near(got, w0.as_slice(), s, TOL),
            "eigh at {t:e}: {got:?}"
        );
        let v = e.vectors.as_slice();
        assert!(
            near(&mul(&tr(v, 3, 3), v, 3, 3, 3), &eye(3), TOL, 1.0),
            "eigh at {t:e}: V"
        );
    }
    for (name, a) in non_finite() {
        assert!(
            matches!(mat(3, 3, &a).eigh(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
    }
    assert_eq!(mat(0, 0, &[]).eigh().unwrap().values.dims(), [0]);
    assert!(matches!(
        mat(2, 3, &[1.; 6]).eigh(),
        Err(LinalgError::Shape(_))
    ));
}

// ---------------------------------------------------------------------------------------------
// Any shape: qr, svd, lstsq, pinv, rank, project.

/// The classes of any shape: name, rows, columns, matrix, rank.
fn general_classes() -> Vec<(&'static str, usize, usize, Vec<f64>, usize)> {
    let mut out: Vec<(&'static str, usize, usize, Vec<f64>, usize)> = square_classes()
        .into_iter()
        .map(|(name, n, a)| {
            let rank = match name {
                "singular" => 2,
                _ => n,
            };
            (name, n, n, a, rank)
        })
        // the graded matrix's rank is numerically 1 or 3 depending on the tolerance
        .filter(|c| c.0 != "graded")
        .collect();
    out.push(("tall", 4, 3, T43.to_vec(), 3));
    out.push(("wide", 3, 4, tr(&T43, 4, 3), 3));
    // rank 2: the third column is the sum of the first two
    let rd: Vec<f64> = (0..12)
        .map(|k| {
            if k % 3 == 2 {
                T43[k - 2] + T43[k - 1]
            } else {
                T43[k]
            }
        })
        .collect();
    out.push(("rank-deficient", 4, 3, rd, 2));
    out.push(("zero", 3, 2, vec![0.0; 6], 0));
    out
}

/// Penrose conditions of `x` (n x m) as the pseudo-inverse of `a` (m x n).
fn penrose(a: &[f64], x: &[f64], m: usize, n: usize) -> bool {
    let (ax, xa) = (mul(a, x, m, n, m), mul(x, a, n, m, n));
    let sa = amax(a) * (m * n) as f64;
    let sx = amax(x) * (m * n) as f64;
    near(&mul(&ax, a, m, m, n), a, TOL, sa)
        && near(&mul(&xa, x, n, n, m), x, TOL, sx)
        && near(&ax, &tr(&ax, m, m), TOL, 1.0)
        && near(&xa, &tr(&xa, n, n), TOL, 1.0)
}

#[test]
fn qr_svd_lstsq_pinv_rank_project() {
    for (name, m, n, a, rank) in general_classes() {
        let am = mat(m, n, &a);
        let k = m.min(n);
        let qr = am.qr().unwrap();
        let (q, r) = (qr.q.as_slice(), qr.r.as_slice());
        assert!(
            near(&mul(q, r, m, k, n), &a, TOL, 1.0),
            "qr {name}: Q R != A"
        );
        assert!(
            near(&mul(&tr(q, m, k), q, k, m, k), &eye(k), TOL, 1.0),
            "qr {name}: Q^T Q"
        );
        let svd = am.svd().unwrap();
        assert!(
            near(svd.reconstruct().as_slice(), &a, TOL, 1.0),
            "svd {name}"
        );
        let u = svd.u.as_slice();
        assert!(
            near(&mul(&tr(u, m, k), u, k, m, k), &eye(k), TOL, 1.0),
            "svd {name}: U"
        );
        assert_eq!(
            am.singular_values().unwrap().as_slice(),
            svd.s.as_slice(),
            "{name}"
        );
        assert_eq!(am.try_matrix_rank().unwrap(), rank, "rank {name}");
        let pinv = am.pinv().unwrap();
        assert!(penrose(&a, pinv.as_slice(), m, n), "pinv {name}: {pinv:?}");
        let b: Vec<f64> = (0..m).map(|i| 1.0 - 0.3 * i as f64).collect();
        let ls = am.lstsq(&vecd(&b)).unwrap();
        assert_eq!(ls.rank, rank, "lstsq rank {name}");
        let want = mul(pinv.as_slice(), &b, n, m, 1);
        assert!(
            near(ls.x.as_slice(), &want, 1e-8, 1.0),
            "lstsq {name}: {:?}",
            ls.x
        );
        let p = am.project(vecd(&b)).unwrap();
        let want = mul(&a, &want, m, n, 1);
        assert!(
            near(p.as_slice(), &want, 1e-8, 1.0),
            "project {name}: {p:?}"
        );
    }
    // scales, against the unscaled answers
    let a0 = mat(4, 3, &T43);
    let b0: Vec<f64> = vec![1.0, 0.5, -0.25, 2.0];
    let (s0, x0, p0) = (
        a0.singular_values().unwrap(),
        a0.lstsq(&vecd(&b0)).unwrap().x,
        a0.project(vecd(&b0)).unwrap(),
    );
    let pinv0 = a0.pinv().unwrap();
    for t in SCALES {
        let s = t / 3.0;
        let a = mat(4, 3, &scaled(&T43, t));
        let b = vecd(&b0.iter().map(|v| v * s).collect::<Vec<_>>());
        let qr = a.qr().unwrap();
        let q = qr.q.as_slice();
        assert!(
            near(&mul(&tr(q, 4, 3), q, 3, 4, 3), &eye(3), TOL, 1.0),
            "qr at {t:e}"
        );
        let r: Vec<f64> = qr.r.as_slice().iter().map(|v| v / s).collect();
        let qr_unscaled = mul(q, &r, 4, 3, 3);
        assert!(
            near(&qr_unscaled, &T43, 1e-9, 1.0),
            "qr at {t:e}: {:?}",
            qr.r
        );
        let sv = a.singular_values().unwrap();
        assert!(
            scaled_near(sv.as_slice(), s0.as_slice(), s, TOL),
            "svd at {t:e}: {sv:?}"
        );
        assert_eq!(a.try_matrix_rank().unwrap(), 3, "rank at {t:e}");
        let ls = a.lstsq(&b).unwrap();
        assert!(
            near(ls.x.as_slice(), x0.as_slice(), 1e-9, 0.0),
            "lstsq at {t:e}: {:?}",
            ls.x
        );
        let p: Vec<f64> = a
            .project(&b)
            .unwrap()
            .as_slice()
            .iter()
            .map(|v| v / s)
            .collect();
        assert!(
            near(&p, p0.as_slice(), 1e-9, 0.0),
            "project at {t:e}: {p:?}"
        );
        let pi = a.pinv().unwrap();
        let want: Vec<f64> = pinv0.as_slice().iter().map(|v| v / s).collect();
        if want.iter().all(|w| w.is_finite()) {
            assert!(
                near(pi.as_slice(), &want, 1e-9, 0.0),
                "pinv at {t:e}: {pi:?}"
            );
        }
    }
    for (name, a) in non_finite() {
        let a = mat(3, 3, &a);
        assert!(
            matches!(a.qr(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(a.svd(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(a.singular_values(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(a.pinv(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(a.try_matrix_rank(), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        let r = a.lstsq(&vecd(&RHS));
        assert!(matches!(r, Err(LinalgError::NonFinite { .. })), "{name}");
        let r = a.project(vecd(&RHS));
        assert!(matches!(r, Err(LinalgError::NonFinite { .. })), "{name}");
    }
    let ok = mat(3, 3, &B3);
    let nan_b = vecd(&[1.0, f64::NAN, 0.0]);
    assert!(matches!(
        ok.lstsq(&nan_b),
        Err(LinalgError::NonFinite { .. })
    ));
    assert!(matches!(
        ok.project(&nan_b),
        Err(LinalgError::NonFinite { .. })
    ));
    // empty: 0 x 0, 0 rows, 0 columns
    for (m, n) in [(0, 0), (0, 3), (3, 0)] {
        let e = mat(m, n, &[]);
        let k = m.min(n);
        let qr = e.qr().unwrap();
        assert_eq!((qr.q.dims(), qr.r.dims()), ([m, k], [k, n]));
        assert_eq!(e.svd().unwrap().s.dims(), [k]);
        assert_eq!(e.pinv().unwrap().dims(), [n, m]);
        assert_eq!(e.try_matrix_rank().unwrap(), 0);
        let b = vecd(&vec![1.0; m]);
        let ls = e.lstsq(&b).unwrap();
        assert_eq!((ls.x.dims(), ls.rank), ([n], 0));
        assert!(ls.x.as_slice().iter().all(|&v| v == 0.0));
        assert_eq!(e.project(&b).unwrap().as_slice(), &vec![0.0; m][..]);
    }
    // run-time shape mismatches
    assert!(matches!(
        ok.lstsq(&vecd(&[1.0])),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        ok.project(vecd(&[1.0])),
        Err(LinalgError::Shape(_))
    ));
}

// ---------------------------------------------------------------------------------------------
// ml: pca_dyn, low_rank_dyn.

#[test]
fn pca_and_low_rank() {
    let base: Vec<f64> = vec![1., 2., 0.5, 2., 1., 0., 3., 5., 1., 4., 4., 2., 0., 1., 3.];
    let p0 = mat(5, 3, &base).pca_dyn(3).unwrap();
    let l0 = mat(5, 3, &base).low_rank_dyn(2).unwrap();
    for t in [1e-310, 1e-300, 1e-160, 1e160, 1e300] {
        let s = t / 5.0;
        let x = mat(5, 3, &scaled(&base, t));
        let p = x.pca_dyn(3).unwrap();
        let r = p.explained_variance_ratio.as_slice();
        assert!(
            near(r, p0.explained_variance_ratio.as_slice(), 1e-8, 0.0),
            "pca at {t:e}: {r:?}"
        );
        assert!(
            near(p.components.as_slice(), p0.components.as_slice(), 1e-8, 1.0),
            "pca at {t:e}"
        );
        let l: Vec<f64> = x
            .low_rank_dyn(2)
            .unwrap()
            .as_slice()
            .iter()
            .map(|v| v / s)
            .collect();
        assert!(near(&l, l0.as_slice(), 1e-8, 0.0), "low_rank at {t:e}");
    }
    // rank-deficient data (the third column is the sum of the others), one sample, constant
    let rd: Vec<f64> = (0..15)
        .map(|k| {
            if k % 3 == 2 {
                base[k - 2] + base[k - 1]
            } else {
                base[k]
            }
        })
        .collect();
    let p = mat(5, 3, &rd).pca_dyn(3).unwrap();
    assert!(
        p.explained_variance_ratio[[2]].abs() < 1e-12,
        "{:?}",
        p.explained_variance_ratio
    );
    let l = mat(5, 3, &rd).low_rank_dyn(2).unwrap();
    assert!(near(l.as_slice(), &rd, 1e-10, 1.0));
    let one = mat(1, 3, &[1., 2., 3.]).pca_dyn(1).unwrap();
    assert!(one.components.as_slice().iter().all(|v| v.is_finite()));
    for (name, a) in non_finite() {
        let x = mat(3, 3, &a);
        assert!(
            matches!(x.pca_dyn(2), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
        assert!(
            matches!(x.low_rank_dyn(2), Err(LinalgError::NonFinite { .. })),
            "{name}"
        );
    }
    // K above min(N, D), and empty data
    assert!(matches!(
        mat(5, 3, &base).pca_dyn(4),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        mat(5, 3, &base).low_rank_dyn(4),
        Err(LinalgError::Shape(_))
    ));
    assert!(matches!(
        mat(0, 3, &[]).pca_dyn(1),
        Err(LinalgError::Shape(_))
    ));
    assert_eq!(mat(0, 3, &[]).low_rank_dyn(0).unwrap().dims(), [0, 3]);
}

// ---------------------------------------------------------------------------------------------
// Construction, sparse, einsum, convolution, Toeplitz.

#[test]
fn construction() {
    let big = Dyn(1 << 33);
    for shape in [(big, big), (Dyn(usize::MAX), Dyn(2)), (Dyn(0), Dyn(0))] {
        let empty = shape.0.0 == 0;
        assert_eq!(
            Tensor::<f64, (Dyn, Dyn)>::from_vec(shape, vec![]).is_ok(),
            empty
        );
        assert_eq!(
            Tensor::<f64, (Dyn, Dyn)>::from_slice(shape, &[]).is_ok(),
            empty
        );
        assert_eq!(
            TensorView::<f64, (Dyn, Dyn)>::from_slice(&[], shape).is_ok(),
            empty
        );
        assert_eq!(vecd(&[]).try_reshape_with(shape).is_ok(), empty);
    }
    let nan = vecd(&[f64::NAN, f64::INFINITY, 1.0, 2.0]);
    assert!(nan.clone().try_reshape_with((Dyn(2), Dyn(2))).unwrap()[[0, 0]].is_nan());
    assert!(nan.clone().try_reshape_with((Dyn(3), Dyn(1))).is_err());
    assert!(Tensor::<f64, (Dyn,)>::from_vec((Dyn(3),), vec![1.0]).is_err());
    assert!(TensorView::<f64, (Dyn, Dyn)>::from_slice_strided(&[1.0], (big, big), [1, 1]).is_err());
    assert!(
        TensorView::<f64, (Dyn,)>::from_slice_strided(&[1.0], (Dyn(2),), [usize::MAX]).is_err()
    );
}

#[test]
fn sparse() {
    type C = Csr<f64, Dyn, Dyn>;
    let invalid = |r: Result<C, DataError>| matches!(r, Err(DataError::Invalid { .. }));
    for rows in [usize::MAX, 1 << 60] {
        assert!(invalid(C::from_parts(
            (Dyn(rows), Dyn(2)),
            vec![0],
            vec![],
            vec![]
        )));
        assert!(invalid(C::from_triplets(
            (Dyn(rows), Dyn(2)),
            &[(0, 0, 1.0)]
        )));
    }
    assert!(invalid(C::from_parts(
        (Dyn(2), Dyn(2)),
        vec![0, usize::MAX, 1],
        vec![0],
        vec![1.]
    )));
    assert!(invalid(C::from_triplets(
        (Dyn(2), Dyn(2)),
        &[(0, usize::MAX, 1.0)]
    )));
    // empty, and NaN values (stored as given)
    let e = C::from_parts((Dyn(0), Dyn(0)), vec![0], vec![], vec![]).unwrap();
    assert_eq!(e.matvec(&vecd(&[])).dims(), [0]);
    let c = C::from_triplets((Dyn(2), Dyn(2)), &[(0, 0, f64::NAN), (1, 1, 2.0)]).unwrap();
    let y = c.try_matvec(&vecd(&[1.0, 1.0])).unwrap();
    assert!(y[[0]].is_nan() && y[[1]] == 2.0);
    assert!(c.try_matvec(&vecd(&[1.0])).is_err());
    assert!(c.try_matmul(&mat(3, 1, &[1., 2., 3.])).is_err());
}

#[test]
fn einsum() {
    let big = 1usize << 40;
    assert!(plan("ab,bc->ac", &[&[big, 2], &[2, big]]).is_err());
    assert!(plan("ab,bc->ac", &[&[usize::MAX, 2], &[2, 2]]).is_err());
    assert!(plan("ab,bc->ac", &[&[usize::MAX, 1], &[1, 1]]).is_ok());
    assert!(plan("...->...", &[&vec![1; 300]]).is_err());
    assert!(plan("ij,jk->ik", &[&[2, 3], &[4, 5]]).is_err());
    assert!(plan("ij->", &[&[0, 3]]).is_ok());
    let a = mat(2, 2, &[1.0, f64::NAN, 3.0, 4.0]);
    let out = einsum_dyn("ij->i", &[Operand::new(a.view())]).unwrap();
    assert!(out.data[0].is_nan() && out.data[1] == 7.0);
    let e = mat(0, 3, &[]);
    let out = einsum_dyn("ij,jk->ik", &[Operand::new(e.view()), Operand::new(a.t())]);
    assert!(out.is_err());
    let out = einsum_dyn("ij->j", &[Operand::new(e.view())]).unwrap();
    assert_eq!(out.data, vec![0.0; 3]);
}

#[test]
fn convolution_and_toeplitz() {
    let (e, x) = (vecd(&[]), vecd(&[1.0, 2.0, 3.0]));
    assert!(try_convolve_full(&e, &x).is_err());
    assert!(try_convolve_valid(&x, &e).is_err());
    assert!(try_convolve_same(&e, &e).is_err());
    assert_eq!(
        try_convolve_full(&vecd(&[2.0]), &vecd(&[3.0]))
            .unwrap()
            .as_slice(),
        &[6.0]
    );
    // NaN stays local, at every size (direct and FFT thresholds), and scales survive
    for n in [3, 64, 400] {
        let mut a = vec![1.0; n];
        a[n - 1] = f64::NAN;
        let c = try_convolve_full(&vecd(&a), &vecd(&vec![1.0; n])).unwrap();
        assert!(
            c.as_slice()[..n - 1].iter().all(|v| v.is_finite()),
            "n = {n}"
        );
        for s in [1e-300, 1e300, f64::MAX / 4.0] {
            let c =
                try_convolve_full(&vecd(&vec![s; n]), &vecd(&vec![1.0 / s.max(1.0); n])).unwrap();
            let want = s / s.max(1.0);
            assert!(
                (c[[0]] / want - 1.0).abs() < 1e-9,
                "n = {n}, s = {s:e}: {}",
                c[[0]]
            );
        }
    }
    let c = vecd(&[1.0, 2.0]);
    assert!(Toeplitz::new(&vecd(&[f64::NAN]), &vecd(&[f64::NAN])).is_err());
    assert!(Toeplitz::new(&c, &vecd(&[3.0])).is_err());
    assert!(Toeplitz::new(&e, &c).is_err());
    let t = Toeplitz::new(&c, &vecd(&[1.0, f64::INFINITY])).unwrap();
    assert!(t.try_matvec(&vecd(&[1.0])).is_err());
    assert_eq!(
        Toeplitz::new(&vecd(&[5.0]), &vecd(&[5.0]))
            .unwrap()
            .to_dense()
            .as_slice(),
        &[5.0]
    );
}
