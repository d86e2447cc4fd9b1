//! Dispatch of the factorisations of linalg-a: `solve`, `det`, `slogdet`, `inv`, `cholesky`,
//! `qr`, `solve_backward_error`. Cases run on `(Dyn, Dyn)` matrices and `(Dyn,)` or
//! `(Dyn, Dyn)` right-hand sides.

use shaped::{Float, LinalgError, Tensor};

use super::harness::{self, Case, D1, D2, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    }
}

fn run<T: Float>(case: &Case) -> Option<Outcome> {
    let out = match case.op.as_str() {
        "solve" => solve::<T>(case),
        "det" => {
            let a = harness::tensor::<T, D2>(&case.inputs[0]);
            Ok(vec![harness::out_scalar("det", a.det())])
        }
        "slogdet" => {
            let a = harness::tensor::<T, D2>(&case.inputs[0]);
            let (s, l) = a.slogdet();
            Ok(vec![
                harness::out_scalar("sign", s),
                harness::out_scalar("logabsdet", l),
            ])
        }
        "inv" => harness::tensor::<T, D2>(&case.inputs[0])
            .inv()
            .map(|x| vec![harness::out("inv", &x)]),
        "cholesky" => harness::tensor::<T, D2>(&case.inputs[0])
            .cholesky()
            .map(|c| vec![harness::out("L", c.l())]),
        "qr" => qr::<T>(case),
        "solve_backward_error" => backward_error::<T>(case),
        _ => return None,
    };
    Some(match out {
        Ok(o) => Outcome::Outputs(o),
        Err(e) => Outcome::Error(e.to_string()),
    })
}

type Outs = Result<Vec<(String, harness::Arr)>, LinalgError>;

fn solve<T: Float>(case: &Case) -> Outs {
    let a = harness::tensor::<T, D2>(&case.inputs[0]);
    let b = &case.inputs[1];
    if b.shape.len() == 1 {
        let x = a.solve(harness::tensor::<T, D1>(b))?;
        Ok(vec![harness::out("x", &x)])
    } else {
        let x = a.solve(harness::tensor::<T, D2>(b))?;
        Ok(vec![harness::out("x", &x)])
    }
}

fn qr<T: Float>(case: &Case) -> Outs {
    let a = harness::tensor::<T, D2>(&case.inputs[0]);
    let qr = a.qr()?;
    let [m, k] = qr.q.dims();
    let n = qr.r.dims()[1];
    let recon = Tensor::from_fn_with(a.shape(), |[i, j]| {
        (0..k)
            .map(|p| qr.q[[i, p]] * qr.r[[p, j]])
            .fold(T::ZERO, |s, x| s + x)
    });
    let absd: Vec<T> = (0..k).map(|i| qr.r[[i, i]].abs()).collect();
    debug_assert_eq!(recon.dims(), [m, n]);
    Ok(vec![
        harness::out("Q", &qr.q),
        harness::out("R", &qr.r),
        ("abs_diag_R".to_string(), harness::arr(&[k], absd.iter())),
        harness::out("reconstruction", &recon),
    ])
}

/// `eta = max|b - A x| / (||A||_inf max|x| + max|b|)` for `x = solve(A, b)`.
fn backward_error<T: Float>(case: &Case) -> Outs {
    let a = harness::tensor::<T, D2>(&case.inputs[0]);
    let b = harness::tensor::<T, D1>(&case.inputs[1]);
    let x = a.solve(&b)?;
    let n = b.dims()[0];
    // The residual in f64 from the values actually used, so that only the solve is judged.
    let af = |i: usize, j: usize| a[[i, j]].as_f64();
    let mut rmax = 0f64;
    let mut anorm = 0f64;
    for i in 0..n {
        let ax: f64 = (0..n).map(|j| af(i, j) * x[[j]].as_f64()).sum();
        rmax = rmax.max((b[[i]].as_f64() - ax).abs());
        anorm = anorm.max((0..n).map(|j| af(i, j).abs()).sum());
    }
    let xmax = x.iter().fold(0f64, |m, v| m.max(v.as_f64().abs()));
    let bmax = b.iter().fold(0f64, |m, v| m.max(v.as_f64().abs()));
    let eta = rmax / (anorm * xmax + bmax);
    // The bound is an f64 bound (a small multiple of f64's epsilon). The harness scales the
    // tolerances of f32 runs by the ratio of the epsilons; a `cmp: le` bound has no tolerance,
    // so the same scaling is applied here to the measured error: eta / (eps32 / eps64).
    let eta = if T::epsilon().as_f64() > f64::EPSILON {
        eta / harness::EPS_RATIO
    } else {
        eta
    };
    Ok(vec![harness::out_scalar("backward_error", eta)])
}
