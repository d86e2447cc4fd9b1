//! Dispatch of `eig` and `eigvals` (`linalg2.jsonl`, real input, complex outputs) and the
//! README's two rules for their non-unique results: `eig_values_multiset` (the eigenvalues in
//! any order: a one-to-one pairing within tolerance, by sorting and else by a bipartite
//! matching) and `eig_residual` (the eigenvectors by unit columns and the residual
//! `||A V - V diag(w)||_F <= residual_tol ||A||_F ||V||_F` with the actual `w`).
//!
//! In f32 the residual and unit tolerances are scaled by the ratio of the epsilons, as the
//! harness does for `orthogonal`; the eigenvalue tolerance is the harness's `tol_for`.

use super::harness::{self, Arr, Case, D2, EPS_RATIO, Outcome, Precision, Tol};
use shaped::Float;

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    if case.file != "linalg2" || !matches!(case.op.as_str(), "eig" | "eigvals") {
        return None;
    }
    Some(match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    })
}

fn run<T: Float>(case: &Case) -> Outcome {
    let a = harness::tensor::<T, D2>(&case.inputs[0]);
    let out = if case.op == "eig" {
        a.eig().map(|e| {
            vec![
                harness::cout("w", &e.values),
                harness::cout("v", &e.vectors),
            ]
        })
    } else {
        a.eigvals().map(|w| vec![harness::cout("w", &w)])
    };
    match out {
        Ok(o) => Outcome::Outputs(o),
        Err(e) => Outcome::Error(e.to_string()),
    }
}

fn pairs(a: &Arr) -> Vec<(f64, f64)> {
    a.data
        .iter()
        .zip(a.im.iter().chain(std::iter::repeat(&0.0)))
        .map(|(&re, &im)| (re, im))
        .collect()
}

/// `eig_values_multiset`: the actual values pair one-to-one with the expected ones so that
/// `|actual - expected| <= atol + rtol |expected|`.
pub fn values_multiset(expected: &Arr, actual: &Arr, tol: Tol) -> Result<(), String> {
    let (e, a) = (pairs(expected), pairs(actual));
    if e.len() != a.len() {
        return Err(format!("{} values, expected {}", a.len(), e.len()));
    }
    if a.iter().any(|&(re, im)| !re.is_finite() || !im.is_finite()) {
        return Err(format!("a value is not finite: {a:?}"));
    }
    let close = |x: (f64, f64), y: (f64, f64)| {
        (x.0 - y.0).hypot(x.1 - y.1) <= tol.atol + tol.rtol * y.0.hypot(y.1)
    };
    // Sorting both by (re, im) usually pairs them.
    let sorted = |v: &[(f64, f64)]| {
        let mut s = v.to_vec();
        s.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
        s
    };
    if sorted(&a)
        .iter()
        .zip(&sorted(&e))
        .all(|(&x, &y)| close(x, y))
    {
        return Ok(());
    }
    // Bipartite matching by augmenting paths (Kuhn): actual i may take expected j when close.
    let n = e.len();
    let adj: Vec<Vec<usize>> = a
        .iter()
        .map(|&x| (0..n).filter(|&j| close(x, e[j])).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    fn augment(
        i: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &j in &adj[i] {
            if !seen[j] {
                seen[j] = true;
                if owner[j].is_none_or(|k| augment(k, adj, seen, owner)) {
                    owner[j] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    for (i, ai) in a.iter().enumerate() {
        let mut seen = vec![false; n];
        if !augment(i, &adj, &mut seen, &mut owner) {
            return Err(format!(
                "no one-to-one pairing within rtol {:e}, atol {:e}: actual {:e}{:+e}i has no free partner among {e:?}",
                tol.rtol, tol.atol, ai.0, ai.1
            ));
        }
    }
    Ok(())
}

/// `eig_residual` for the output `v` (row-major complex (n, n)), with `A = inputs[0]` and the
/// actual `w`; `None` when the expected tensor carries another rule.
pub fn residual_rule(
    case: &Case,
    expected: &Arr,
    actual: &Arr,
    outs: &std::collections::BTreeMap<String, Arr>,
    p: Precision,
) -> Option<Result<(), String>> {
    if expected.cmp.as_deref() != Some("eig_residual") {
        return None;
    }
    Some((|| {
        let n = expected.shape[0];
        if actual.shape != expected.shape {
            return Err(format!(
                "shape {:?}, expected {:?}",
                actual.shape, expected.shape
            ));
        }
        let scale = if p == Precision::F32 { EPS_RATIO } else { 1.0 };
        let residual_tol = expected.residual_tol.ok_or("residual_tol missing")? * scale;
        let unit_tol = expected.unit_tol.ok_or("unit_tol missing")? * scale;
        let w = pairs(outs.get("w").ok_or("output w not produced")?);
        let v = pairs(actual);
        let a = &case.inputs[0].data;
        let mut vnorm2 = 0.0;
        for j in 0..n {
            let c2: f64 = (0..n)
                .map(|i| v[i * n + j].0.powi(2) + v[i * n + j].1.powi(2))
                .sum();
            if (c2.sqrt() - 1.0).abs() > unit_tol {
                return Err(format!(
                    "column {j} has norm {:e}, not 1 within {unit_tol:e}",
                    c2.sqrt()
                ));
            }
            vnorm2 += c2;
        }
        let mut r2 = 0.0;
        for i in 0..n {
            for j in 0..n {
                let (mut re, mut im) = (0.0, 0.0);
                for k in 0..n {
                    re += a[i * n + k] * v[k * n + j].0;
                    im += a[i * n + k] * v[k * n + j].1;
                }
                let (vr, vi) = v[i * n + j];
                let (wr, wi) = w[j];
                re -= vr * wr - vi * wi;
                im -= vr * wi + vi * wr;
                r2 += re * re + im * im;
            }
        }
        let anorm = a.iter().map(|x| x * x).sum::<f64>().sqrt();
        let bound = residual_tol * anorm * vnorm2.sqrt();
        if r2.sqrt() <= bound {
            Ok(())
        } else {
            Err(format!(
                "||A V - V diag(w)||_F = {:e} above {bound:e}",
                r2.sqrt()
            ))
        }
    })())
}
