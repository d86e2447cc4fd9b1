//! Dispatch of the SVD-based linear algebra and the ML ops: `svd`, `eigh`, `lstsq`, `pinv`,
//! `matrix_rank`, `cond`, `pca`, `lowrank_approx`, `norm_nuc`, `norm_spectral`, `norm_op1`,
//! `norm_opinf`.

use shaped::{Float, LinalgError};

use super::harness::{self, Arr, Case, D1, D2, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case, 1.0),
        Precision::F32 => run::<f32>(case, harness::EPS_RATIO),
    }
}

/// Cases whose expected value rests on a singular value below f32's resolution of the
/// input, so that the f32 answer differs by construction (as the harness skips cases that
/// need f64 range). Each entry says why.
const BEYOND_F32: &[(&str, &str)] = &[(
    "illcond/matrix_rank/nearsing10_1e-12",
    "sv_min = 1e-12 of a unit-norm matrix: rounding the input to f32 perturbs it by ~6e-8, \
     so the f32 rank is 9 under numpy's own f32 tolerance",
)];

/// Why the case is skipped in f32, if it is.
pub fn skip_f32(case: &Case) -> Option<&'static str> {
    BEYOND_F32
        .iter()
        .find(|(id, _)| *id == case.id)
        .map(|(_, why)| *why)
}

/// `cut_scale` multiplies explicit cut-offs (`rcond`, `tol`): in f32 by the ratio of the
/// epsilons, as the harness scales tolerances, since a cut-off of 1e-10 relative to s_max
/// is below f32's noise floor.
fn run<T: Float>(case: &Case, cut_scale: f64) -> Option<Outcome> {
    let out = match case.op.as_str() {
        "svd" => svd::<T>(case),
        "eigh" => eigh::<T>(case),
        "lstsq" => lstsq::<T>(case, cut_scale),
        "pinv" => pinv::<T>(case, cut_scale),
        "matrix_rank" => matrix_rank::<T>(case, cut_scale),
        "cond" => cond::<T>(case),
        "pca" => pca::<T>(case),
        "lowrank_approx" => lowrank::<T>(case),
        "norm_nuc" => norm::<T>(case, |a| a.norm_nuc()),
        "norm_spectral" => norm::<T>(case, |a| a.norm_spectral()),
        "norm_op1" => norm::<T>(case, |a| a.norm_op1()),
        "norm_opinf" => norm::<T>(case, |a| a.norm_opinf()),
        _ => return None,
    };
    Some(match out {
        Ok(outs) => Outcome::Outputs(outs),
        Err(e) => Outcome::Error(e.to_string()),
    })
}

type Outs = Result<Vec<(String, Arr)>, LinalgError>;

fn mat<T: Float>(case: &Case, i: usize) -> shaped::Tensor<T, D2> {
    harness::tensor::<T, D2>(&case.inputs[i])
}

fn svd<T: Float>(case: &Case) -> Outs {
    let a = mat::<T>(case, 0);
    let f = a.svd()?;
    Ok(vec![
        harness::out("U", &f.u),
        harness::out("S", &f.s),
        harness::out("Vt", &f.vt),
        harness::out("reconstruction", &f.reconstruct()),
    ])
}

fn eigh<T: Float>(case: &Case) -> Outs {
    let a = mat::<T>(case, 0);
    let f = a.eigh()?;
    Ok(vec![
        harness::out("w", &f.values),
        harness::out("V", &f.vectors),
        harness::out("reconstruction", &f.reconstruct()),
    ])
}

fn lstsq<T: Float>(case: &Case, cut_scale: f64) -> Outs {
    let a = mat::<T>(case, 0);
    let rcond = case.arg_f64("rcond").map(|r| T::of(r * cut_scale));
    let b = &case.inputs[1];
    let (x, rank, sv, res) = if b.shape.len() == 1 {
        let b = harness::tensor::<T, D1>(b);
        let f = match rcond {
            Some(r) => a.lstsq_with(&b, r)?,
            None => a.lstsq(&b)?,
        };
        (
            harness::out("x", &f.x),
            f.rank,
            f.singular_values,
            f.residuals,
        )
    } else {
        let b = harness::tensor::<T, D2>(b);
        let f = match rcond {
            Some(r) => a.lstsq_with(&b, r)?,
            None => a.lstsq(&b)?,
        };
        (
            harness::out("x", &f.x),
            f.rank,
            f.singular_values,
            f.residuals,
        )
    };
    Ok(vec![
        x,
        (
            "residuals".to_string(),
            harness::arr(&[res.len()], res.iter()),
        ),
        harness::out_scalar("rank", T::of(rank as f64)),
        harness::out("sv", &sv),
    ])
}

fn pinv<T: Float>(case: &Case, cut_scale: f64) -> Outs {
    let a = mat::<T>(case, 0);
    let p = match case.arg_f64("rcond") {
        Some(r) => a.pinv_with(T::of(r * cut_scale))?,
        None => a.pinv()?,
    };
    Ok(vec![harness::out("pinv", &p)])
}

fn matrix_rank<T: Float>(case: &Case, cut_scale: f64) -> Outs {
    let a = mat::<T>(case, 0);
    let r = match case.arg_f64("tol") {
        Some(t) => a.matrix_rank_with(T::of(t * cut_scale)),
        None => a.try_matrix_rank()?,
    };
    Ok(vec![harness::out_scalar("rank", T::of(r as f64))])
}

fn cond<T: Float>(case: &Case) -> Outs {
    let a = mat::<T>(case, 0);
    Ok(vec![harness::out_scalar("cond", a.cond())])
}

fn norm<T: Float>(case: &Case, f: impl Fn(&shaped::Tensor<T, D2>) -> T) -> Outs {
    let a = mat::<T>(case, 0);
    Ok(vec![harness::out_scalar("out", f(&a))])
}

fn pca<T: Float>(case: &Case) -> Outs {
    let x = mat::<T>(case, 0);
    let k = case.arg_int("k").expect("k") as usize;
    let p = x.pca_dyn(k)?;
    let z = p.transform(&x);
    Ok(vec![
        harness::out("mean", &p.mean),
        harness::out("components", &p.components),
        harness::out("singular_values", &p.singular_values),
        harness::out("explained_variance", &p.explained_variance),
        harness::out("explained_variance_ratio", &p.explained_variance_ratio),
        harness::out("Z", &z),
    ])
}

fn lowrank<T: Float>(case: &Case) -> Outs {
    let a = mat::<T>(case, 0);
    let k = case.arg_int("k").expect("k") as usize;
    let ak = a.low_rank_dyn(k)?;
    let s = a.singular_values()?;
    let s = s.as_slice();
    let err_fro = s[k.min(s.len())..]
        .iter()
        .fold(T::ZERO, |acc, &x| acc + x * x)
        .sqrt();
    let err_2 = s.get(k).copied().unwrap_or(T::ZERO);
    Ok(vec![
        harness::out("A_k", &ak),
        harness::out_scalar("err_fro", err_fro),
        harness::out_scalar("err_2", err_2),
    ])
}
