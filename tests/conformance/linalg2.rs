//! Dispatch of the real cases of `linalg2.jsonl` (numpy.linalg parity): stacked `solve`,
//! `inv`, `det`, `slogdet`, `cholesky`, `eigh`, `svd`, `qr`, `pinv`, `matrix_rank`; the full
//! SVD and the complete QR; `matrix_power`, `multi_dot`, `kron`, `cross`, `tensordot`,
//! `outer`, `inner`, `vdot`, `vector_norm`, `matrix_norm`, `cond` with numpy's `p`.
//!
//! Stacks run as (B, M, N) tensors: an input with two batch dims (numpy's (3, 1, 4, 4)) is
//! read with its batch dims folded into one, as a user would `reshape_with`, and the outputs
//! are unfolded back. The complex cases of `matmul`, `conj_transpose` and `vdot` run on
//! `Complex<T>` tensors (`complex_case`); the other complex cases and the variants
//! `harness::unsupported_variant` names are set aside before dispatch.

use serde_json::Value;
use shaped::{Float, NormOrd, Tensor, multi_dot, try_multi_dot};

use super::harness::{self, Arr, Case, D0, D1, D2, D3, D4, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    if case.file != "linalg2" {
        return None;
    }
    match p {
        Precision::F64 => run::<f64>(case, 0.0),
        Precision::F32 => run::<f32>(case, 64.0 * f32::EPSILON as f64),
    }
}

type Outs = Result<Vec<(String, Arr)>, String>;

fn err(e: impl ToString) -> String {
    e.to_string()
}

/// `cut_floor` is a floor under explicit cut-offs (`rcond`): in f32, 64 ulps, since a
/// cut-off of 1e-10 relative to s_max lies below f32's rounding of the input (scaling it by
/// the epsilon ratio instead, as `linalg_b.rs` does, would cut a genuine s = 0.04 s_max).
fn run<T: Float>(case: &Case, cut_floor: f64) -> Option<Outcome> {
    if case.inputs.iter().any(|a| a.dtype == harness::Dtype::C128) {
        return complex_case::<T>(case);
    }
    let stacked = case.inputs.first().is_some_and(|a| a.shape.len() > 2);
    let out = match case.op.as_str() {
        "svd" if case.arg_bool("full_matrices") => svd_full::<T>(case),
        "svd" if stacked => svd_stack::<T>(case),
        "qr" if case.args.get("mode").and_then(Value::as_str) == Some("complete") => {
            qr_complete::<T>(case)
        }
        "qr" if stacked => qr_stack::<T>(case),
        "solve" if case.inputs[0].shape.len() == 4 => solve_stack2::<T>(case),
        "solve" if stacked => solve_stack::<T>(case),
        "inv" if stacked => on_stack::<T>(case, |a| {
            Ok(vec![harness::out("inv", &a.inv().map_err(err)?)])
        }),
        "det" if stacked => on_stack::<T>(case, |a| Ok(vec![harness::out("det", &a.det())])),
        "slogdet" if stacked => on_stack::<T>(case, |a| {
            let (s, l) = a.slogdet();
            Ok(vec![
                harness::out("sign", &s),
                harness::out("logabsdet", &l),
            ])
        }),
        "cholesky" if stacked => on_stack::<T>(case, |a| {
            Ok(vec![harness::out("L", &a.cholesky().map_err(err)?)])
        }),
        "eigh" if stacked => on_stack::<T>(case, |a| {
            let e = a.eigh().map_err(err)?;
            Ok(vec![
                harness::out("w", &e.values),
                harness::out("V", &e.vectors),
                harness::out("reconstruction", &e.reconstruct()),
            ])
        }),
        "pinv" if stacked => on_stack::<T>(case, |a| {
            let p = match case.arg_f64("rcond") {
                Some(r) => a.pinv_with(T::of(r.max(cut_floor))),
                None => a.pinv(),
            };
            Ok(vec![harness::out("pinv", &p.map_err(err)?)])
        }),
        "matrix_rank" if stacked => on_stack::<T>(case, |a| {
            let r = a.try_matrix_rank().map_err(err)?;
            let data = r.iter().map(|&k| k as f64).collect();
            Ok(vec![(
                "rank".to_string(),
                Arr::real(r.dims().to_vec(), data),
            )])
        }),
        "matrix_power" => matrix_power::<T>(case),
        "multi_dot" => multi_dot_case::<T>(case)?,
        "kron" if case.inputs.iter().any(|x| x.shape.len() > 2) => kron_nd::<T>(case),
        "kron" => kron::<T>(case),
        "cross" if case.inputs.iter().any(|x| x.shape.len() != 1) => cross_broadcast::<T>(case),
        "cross" => {
            let (a, b) = (vec1::<T>(case, 0), vec1::<T>(case, 1));
            a.try_cross(&b)
                .map(|x| vec![harness::out("out", &x)])
                .map_err(err)
        }
        "tensordot" => tensordot::<T>(case)?,
        "outer" => {
            let (a, b) = (vec1::<T>(case, 0), vec1::<T>(case, 1));
            Ok(vec![harness::out("out", &a.outer(&b))])
        }
        "inner" => inner::<T>(case)?,
        "vdot" => {
            let (a, b) = (&case.inputs[0], &case.inputs[1]);
            let r = crate::with_rank!(T, a, |x| crate::with_rank!(T, b, |y| x.try_vdot(&y)));
            r.map(|v| vec![harness::out_scalar("out", v)]).map_err(err)
        }
        "vector_norm" if case.args["axis"].is_array() => vector_norm_axes::<T>(case)?,
        "vector_norm" => vector_norm::<T>(case)?,
        "matrix_norm" => matrix_norm::<T>(case),
        "cond" => cond::<T>(case),
        _ => return None,
    };
    Some(match out {
        Ok(o) => Outcome::Outputs(o),
        Err(e) => Outcome::Error(e),
    })
}

/// Runs `$body` with `$t` bound to the complex input `$arr` as a `Dyn` tensor of its rank
/// (1..=3).
macro_rules! with_rank_c {
    ($T:ty, $arr:expr, |$t:ident| $body:expr) => {{
        let a = $arr;
        match a.shape.len() {
            1 => {
                let $t = harness::ctensor::<$T, D1>(a);
                $body
            }
            2 => {
                let $t = harness::ctensor::<$T, D2>(a);
                $body
            }
            3 => {
                let $t = harness::ctensor::<$T, D3>(a);
                $body
            }
            r => Err(format!("a complex input of rank {r} is not dispatched")),
        }
    }};
}

/// The complex cases: `matmul` (no conjugation), `conj_transpose` (`h()`) and `vdot` (the
/// first operand conjugated), on `Complex<T>` tensors.
fn complex_case<T: Float>(case: &Case) -> Option<Outcome> {
    let cmat = |i: usize| harness::ctensor::<T, D2>(&case.inputs[i]);
    let out: Outs = match case.op.as_str() {
        "matmul" => cmat(0)
            .try_matmul(cmat(1))
            .map(|c| vec![harness::cout("out", &c)])
            .map_err(err),
        "conj_transpose" => Ok(vec![harness::cout("out", &cmat(0).h())]),
        "vdot" => {
            let (a, b) = (&case.inputs[0], &case.inputs[1]);
            with_rank_c!(T, a, |x| with_rank_c!(T, b, |y| x
                .try_vdot(&y)
                .map_err(err)))
            .map(|v| vec![harness::cout_scalar("out", v)])
        }
        _ => return None,
    };
    Some(match out {
        Ok(o) => Outcome::Outputs(o),
        Err(e) => Outcome::Error(e),
    })
}

fn vec1<T: Float>(case: &Case, i: usize) -> Tensor<T, D1> {
    harness::tensor::<T, D1>(&case.inputs[i])
}

fn mat<T: Float>(case: &Case, i: usize) -> Tensor<T, D2> {
    harness::tensor::<T, D2>(&case.inputs[i])
}

/// Input `i` as a (B, M, N) stack (its batch dims folded into one), and those batch dims.
fn stack<T: Float>(case: &Case, i: usize) -> (Tensor<T, D3>, Vec<usize>) {
    let a = &case.inputs[i];
    let r = a.shape.len();
    let batch = a.shape[..r - 2].to_vec();
    let mut folded = a.clone();
    folded.shape = vec![batch.iter().product(), a.shape[r - 2], a.shape[r - 1]];
    (harness::tensor::<T, D3>(&folded), batch)
}

/// An output whose leading axis is the folded batch, with the batch dims restored.
fn unfold(out: Vec<(String, Arr)>, batch: &[usize]) -> Vec<(String, Arr)> {
    out.into_iter()
        .map(|(name, mut a)| {
            let mut shape = batch.to_vec();
            shape.extend_from_slice(&a.shape[1..]);
            a.shape = shape;
            (name, a)
        })
        .collect()
}

fn on_stack<T: Float>(case: &Case, f: impl FnOnce(&Tensor<T, D3>) -> Outs) -> Outs {
    let (a, batch) = stack::<T>(case, 0);
    Ok(unfold(f(&a)?, &batch))
}

/// `|diag(R)|` of each (K, N) member of `r` (rank 2 or 3), K = min(M, N).
fn abs_diag<T: Float, S: shaped::Shape>(r: &Tensor<T, S>) -> Arr {
    let d = r.dims();
    let d = d.as_ref();
    let (k, n) = (d[d.len() - 2], d[d.len() - 1]);
    let p = k.min(n);
    let batch: Vec<usize> = d[..d.len() - 2].to_vec();
    let members: usize = batch.iter().product();
    let x = r.as_slice();
    let data = (0..members)
        .flat_map(|b| (0..p).map(move |i| x[b * k * n + i * n + i].as_f64().abs()))
        .collect();
    let mut shape = batch;
    shape.push(p);
    Arr::real(shape, data)
}

fn svd_full<T: Float>(case: &Case) -> Outs {
    let f = mat::<T>(case, 0).svd_full().map_err(err)?;
    Ok(vec![
        harness::out("u", &f.u),
        harness::out("s", &f.s),
        harness::out("vt", &f.vt),
        harness::out("reconstruction", &f.reconstruct()),
    ])
}

fn svd_stack<T: Float>(case: &Case) -> Outs {
    on_stack::<T>(case, |a| {
        let f = a.svd().map_err(err)?;
        Ok(vec![
            harness::out("U", &f.u),
            harness::out("S", &f.s),
            harness::out("Vt", &f.vt),
            harness::out("reconstruction", &f.reconstruct()),
        ])
    })
}

fn qr_complete<T: Float>(case: &Case) -> Outs {
    let f = mat::<T>(case, 0).qr_complete().map_err(err)?;
    Ok(vec![
        harness::out("Q", &f.q),
        harness::out("R", &f.r),
        ("abs_diag_R".to_string(), abs_diag(&f.r)),
        harness::out("reconstruction", &f.q.matmul(&f.r)),
    ])
}

fn qr_stack<T: Float>(case: &Case) -> Outs {
    on_stack::<T>(case, |a| {
        let f = a.qr().map_err(err)?;
        Ok(vec![
            harness::out("Q", &f.q),
            harness::out("R", &f.r),
            ("abs_diag_R".to_string(), abs_diag(&f.r)),
            harness::out("reconstruction", &f.q.matmul(&f.r)),
        ])
    })
}

fn solve_stack<T: Float>(case: &Case) -> Outs {
    let a = harness::tensor::<T, D3>(&case.inputs[0]);
    let b = &case.inputs[1];
    let x = match b.shape.len() {
        1 => a
            .solve(&harness::tensor::<T, D1>(b))
            .map(|x| harness::out("x", &x)),
        2 => a
            .solve(&harness::tensor::<T, D2>(b))
            .map(|x| harness::out("x", &x)),
        _ => a
            .solve(&harness::tensor::<T, D3>(b))
            .map(|x| harness::out("x", &x)),
    };
    Ok(vec![x.map_err(err)?])
}

fn matrix_power<T: Float>(case: &Case) -> Outs {
    let n = case.arg_int("n").expect("n") as i32;
    if case.inputs[0].shape.len() == 2 {
        let x = mat::<T>(case, 0).matrix_power(n).map_err(err)?;
        Ok(vec![harness::out("out", &x)])
    } else {
        on_stack::<T>(case, |a| {
            Ok(vec![harness::out("out", &a.matrix_power(n).map_err(err)?)])
        })
    }
}

/// The chains of the reference cases: three matrices, or a vector, four matrices and a
/// vector.
fn multi_dot_case<T: Float>(case: &Case) -> Option<Outs> {
    let ranks: Vec<usize> = case.inputs.iter().map(|a| a.shape.len()).collect();
    Some(match ranks.as_slice() {
        [2, 2, 2] => {
            let (a, b, c) = (mat::<T>(case, 0), mat::<T>(case, 1), mat::<T>(case, 2));
            try_multi_dot((&a, &b, &c))
                .map(|x| vec![harness::out("out", &x)])
                .map_err(err)
        }
        [1, 2, 2, 2, 2, 1] => {
            let (x, y) = (vec1::<T>(case, 0), vec1::<T>(case, 5));
            let m: Vec<Tensor<T, D2>> = (1..5).map(|i| mat::<T>(case, i)).collect();
            let s = multi_dot((&x, &m[0], &m[1], &m[2], &m[3], &y));
            Ok(vec![harness::out("out", &s)])
        }
        _ => return None,
    })
}

fn kron<T: Float>(case: &Case) -> Outs {
    if case.inputs[0].shape.len() == 1 {
        let k = vec1::<T>(case, 0).kron(&vec1::<T>(case, 1));
        Ok(vec![harness::out("out", &k)])
    } else {
        let k = mat::<T>(case, 0).kron(&mat::<T>(case, 1));
        Ok(vec![harness::out("out", &k)])
    }
}

fn tensordot<T: Float>(case: &Case) -> Option<Outs> {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    let axes = &case.args["axes"];
    let out = if let Some(k) = axes.as_u64() {
        match (k, a.shape.len(), b.shape.len()) {
            (2, 3, 3) => {
                let (x, y) = (harness::tensor::<T, D3>(a), harness::tensor::<T, D3>(b));
                x.try_tensordot::<2, _>(&y).map(|o| harness::out("out", &o))
            }
            _ => return None,
        }
    } else {
        let list = |i: usize| -> Vec<usize> {
            axes[i]
                .as_array()
                .expect("axes pair")
                .iter()
                .map(|v| v.as_u64().expect("axis") as usize)
                .collect()
        };
        let (la, lb) = (list(0), list(1));
        let rank = a.shape.len() + b.shape.len() - 2 * la.len();
        crate::with_rank!(T, a, |x| crate::with_rank!(T, b, |y| match rank {
            2 => x
                .tensordot_axes::<D2, _>(&y, &la, &lb)
                .map(|o| harness::out("out", &o)),
            4 => x
                .tensordot_axes::<D4, _>(&y, &la, &lb)
                .map(|o| harness::out("out", &o)),
            _ => return None,
        }))
    };
    Some(out.map(|o| vec![o]).map_err(err))
}

fn inner<T: Float>(case: &Case) -> Option<Outs> {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    let out = match (a.shape.len(), b.shape.len()) {
        (1, 1) => {
            let y = vec1::<T>(case, 1);
            let o: Result<Tensor<T, D0>, _> = vec1::<T>(case, 0).try_inner(&y);
            o.map(|o| harness::out("out", &o))
        }
        (1, 3) => {
            let y = harness::tensor::<T, D3>(b);
            vec1::<T>(case, 0)
                .try_inner(&y)
                .map(|o| harness::out("out", &o))
        }
        (2, 2) => {
            let y = mat::<T>(case, 1);
            mat::<T>(case, 0)
                .try_inner(&y)
                .map(|o| harness::out("out", &o))
        }
        _ => return None,
    };
    Some(out.map(|o| vec![o]).map_err(err))
}

/// numpy's `ord` of a norm: a number, `"Infinity"` / `"-Infinity"`, `"fro"` or `"nuc"`.
fn ord_of<T: Float>(v: &Value) -> NormOrd<T> {
    match v {
        Value::String(s) if s == "fro" => NormOrd::Fro,
        Value::String(s) if s == "nuc" => NormOrd::Nuc,
        Value::String(s) if s == "Infinity" => NormOrd::P(T::infinity()),
        Value::String(s) if s == "-Infinity" => NormOrd::P(T::neg_infinity()),
        Value::Number(n) => NormOrd::P(T::of(n.as_f64().expect("number"))),
        other => panic!("unexpected norm order {other:?}"),
    }
}

fn vector_norm<T: Float>(case: &Case) -> Option<Outs> {
    let x = &case.inputs[0];
    let NormOrd::P(ord) = ord_of::<T>(&case.args["ord"]) else {
        return None;
    };
    let rank = x.shape.len();
    let keep = case.arg_bool("keepdims");
    let out = match case.args.get("axis").and_then(Value::as_i64) {
        None => {
            let r = crate::with_rank!(T, x, |t| t.try_vector_norm(ord));
            let r = match r {
                Ok(v) => v,
                Err(e) => return Some(Err(err(e))),
            };
            let mut a = Arr::real(vec![], vec![r.as_f64()]);
            if keep {
                a.shape = vec![1; rank];
            }
            a
        }
        Some(axis) => {
            let axis = if axis < 0 { axis + rank as i64 } else { axis } as usize;
            let r = match (rank, axis) {
                (1, 0) => vec1::<T>(case, 0)
                    .try_vector_norm_axis::<0>(ord)
                    .map(|o| harness::out("out", &o).1),
                (2, 0) => mat::<T>(case, 0)
                    .try_vector_norm_axis::<0>(ord)
                    .map(|o| harness::out("out", &o).1),
                (2, 1) => mat::<T>(case, 0)
                    .try_vector_norm_axis::<1>(ord)
                    .map(|o| harness::out("out", &o).1),
                (3, a) => {
                    let t = harness::tensor::<T, D3>(x);
                    match a {
                        0 => t.try_vector_norm_axis::<0>(ord),
                        1 => t.try_vector_norm_axis::<1>(ord),
                        _ => t.try_vector_norm_axis::<2>(ord),
                    }
                    .map(|o| harness::out("out", &o).1)
                }
                _ => return None,
            };
            let mut a = match r {
                Ok(a) => a,
                Err(e) => return Some(Err(err(e))),
            };
            if keep {
                a.shape.insert(axis, 1);
            }
            a
        }
    };
    Some(Ok(vec![("out".to_string(), out)]))
}

fn matrix_norm<T: Float>(case: &Case) -> Outs {
    let ord = ord_of::<T>(&case.args["ord"]);
    let mut out = if case.inputs[0].shape.len() == 2 {
        let v = mat::<T>(case, 0).try_matrix_norm(ord).map_err(err)?;
        Arr::real(vec![], vec![v.as_f64()])
    } else {
        on_stack::<T>(case, |a| Ok(vec![harness::out("out", &a.matrix_norm(ord))]))?
            .remove(0)
            .1
    };
    if case.arg_bool("keepdims") {
        out.shape.extend([1, 1]);
    }
    Ok(vec![("out".to_string(), out)])
}

fn cond<T: Float>(case: &Case) -> Outs {
    let p = match case.args.get("p") {
        None | Some(Value::Null) => None,
        Some(v) => Some(ord_of::<T>(v)),
    };
    if case.inputs[0].shape.len() == 2 {
        let a = mat::<T>(case, 0);
        let c = match p {
            None => a.cond(),
            Some(p) => a.try_cond_with(p).map_err(err)?,
        };
        Ok(vec![harness::out_scalar("cond", c)])
    } else {
        on_stack::<T>(case, |a| {
            let c = match p {
                None => a.cond(),
                Some(p) => a.try_cond_with(p).map_err(err)?,
            };
            Ok(vec![harness::out("cond", &c)])
        })
    }
}

/// `solve` with two batch dims: a (B1, B2, N, N), b of rank 1 to 4.
fn solve_stack2<T: Float>(case: &Case) -> Outs {
    let a = harness::tensor::<T, D4>(&case.inputs[0]);
    let b = &case.inputs[1];
    let x = match b.shape.len() {
        1 => a
            .solve(&harness::tensor::<T, D1>(b))
            .map(|x| harness::out("x", &x)),
        2 => a
            .solve(&harness::tensor::<T, D2>(b))
            .map(|x| harness::out("x", &x)),
        3 => a
            .solve(&harness::tensor::<T, D3>(b))
            .map(|x| harness::out("x", &x)),
        _ => a
            .solve(&harness::tensor::<T, D4>(b))
            .map(|x| harness::out("x", &x)),
    };
    Ok(vec![x.map_err(err)?])
}

/// Runs `$body` with `$t` bound to the input `$arr` as a `Dyn` tensor of its rank (1..=4, the
/// ranks `kron` takes and those of the `cross` cases).
macro_rules! with_rank_1_4 {
    ($T:ty, $arr:expr, |$t:ident| $body:expr) => {{
        let a = $arr;
        match a.shape.len() {
            1 => {
                let $t = harness::tensor::<$T, D1>(a);
                $body
            }
            2 => {
                let $t = harness::tensor::<$T, D2>(a);
                $body
            }
            3 => {
                let $t = harness::tensor::<$T, D3>(a);
                $body
            }
            4 => {
                let $t = harness::tensor::<$T, D4>(a);
                $body
            }
            r => Err(format!("an operand of rank {r} is not dispatched")),
        }
    }};
}

/// `kron` of operands of any ranks 1 to 4 (the lower rank padded with leading 1s).
fn kron_nd<T: Float>(case: &Case) -> Outs {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    with_rank_1_4!(T, a, |x| with_rank_1_4!(T, b, |y| Ok(vec![harness::out(
        "out",
        &x.kron(&y)
    )])))
}

/// `cross` with leading dims broadcast (operands of rank 1 to 4).
fn cross_broadcast<T: Float>(case: &Case) -> Outs {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    with_rank_1_4!(T, a, |x| with_rank_1_4!(T, b, |y| x
        .try_cross_broadcast(&y)
        .map(|o| vec![harness::out("out", &o)])
        .map_err(err)))
}

/// `vector_norm` over a list of two axes (of a tensor of rank 2 to 4).
fn vector_norm_axes<T: Float>(case: &Case) -> Option<Outs> {
    let x = &case.inputs[0];
    let NormOrd::P(ord) = ord_of::<T>(&case.args["ord"]) else {
        return None;
    };
    let rank = x.shape.len() as i64;
    let mut axes: Vec<usize> = case.args["axis"]
        .as_array()
        .expect("a list of axes")
        .iter()
        .map(|v| {
            let a = v.as_i64().expect("an axis");
            (if a < 0 { a + rank } else { a }) as usize
        })
        .collect();
    axes.sort_unstable();
    let r = match (rank, axes.as_slice()) {
        (2, [0, 1]) => mat::<T>(case, 0)
            .try_vector_norm_axes::<0, 1>(ord)
            .map(|o| harness::out("out", &o).1),
        (3, [0, 1]) => harness::tensor::<T, D3>(x)
            .try_vector_norm_axes::<0, 1>(ord)
            .map(|o| harness::out("out", &o).1),
        (3, [0, 2]) => harness::tensor::<T, D3>(x)
            .try_vector_norm_axes::<0, 2>(ord)
            .map(|o| harness::out("out", &o).1),
        (3, [1, 2]) => harness::tensor::<T, D3>(x)
            .try_vector_norm_axes::<1, 2>(ord)
            .map(|o| harness::out("out", &o).1),
        (4, [a1, a2]) => {
            let t = harness::tensor::<T, D4>(x);
            match (a1, a2) {
                (0, 1) => t.try_vector_norm_axes::<0, 1>(ord),
                (0, 2) => t.try_vector_norm_axes::<0, 2>(ord),
                (0, 3) => t.try_vector_norm_axes::<0, 3>(ord),
                (1, 2) => t.try_vector_norm_axes::<1, 2>(ord),
                (1, 3) => t.try_vector_norm_axes::<1, 3>(ord),
                (2, 3) => t.try_vector_norm_axes::<2, 3>(ord),
                _ => return None,
            }
            .map(|o| harness::out("out", &o).1)
        }
        _ => return None,
    };
    let mut out = match r {
        Ok(a) => a,
        Err(e) => return Some(Err(err(e))),
    };
    if case.arg_bool("keepdims") {
        for &a in &axes {
            out.shape.insert(a, 1);
        }
    }
    Some(Ok(vec![("out".to_string(), out)]))
}
