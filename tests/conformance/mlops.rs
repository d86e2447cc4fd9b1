//! Dispatch of `mlops.jsonl` (numpy for ML code): elementwise math, comparisons and `where_`,
//! softmax / log_softmax / logsumexp, std, cumsum / cumprod, sort / argsort / topk,
//! argmax / argmin, take / take_along_axis, stack, arange / linspace, tril / triu / diag /
//! trace, flip, and `ml::Standardizer`.
//!
//! Cases run on all-`Dyn` tensors; a run-time axis (negative counts from the end) picks the
//! const generic axis of the typed method, and topk's `k` its const `K`. numpy's `axis=None`
//! flattens first. Two error cases are type errors in the typed API (`diag` of a rank-3
//! tensor, `take_along_axis` with indices of another rank): they are reported as errors
//! here, and the ui tests hold their compile errors. numpy's negative indices are mapped to
//! `n + i` before the call (the API takes `usize`); one still negative becomes an index out
//! of range, which the `try_` method reports.

use shaped::ml::Standardizer;
use shaped::{BroadcastShapes, Float, Shape, Tensor, try_where_};

use super::harness::{self, Arr, Case, D1, D2, D3, D4, Dtype, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    }
}

/// Cases whose f32 run would test the rounding of the inputs rather than the op.
const BEYOND_F32: &[(&str, &str)] = &[(
    "mlops/exp/wide",
    "inputs up to |x| = 51: rounding x to f32 moves it by up to 2e-6, and exp's relative \
     error then is |x| times that (1e-4), above the f32-scaled rtol of 9.5e-7",
)];

/// Why the case is skipped in f32, if it is.
pub fn skip_f32(case: &Case) -> Option<&'static str> {
    BEYOND_F32
        .iter()
        .find(|(id, _)| *id == case.id)
        .map(|(_, why)| *why)
}

type R = Result<Vec<(String, Arr)>, String>;

fn run<T: Float>(case: &Case) -> Option<Outcome> {
    let out: R = match case.op.as_str() {
        "exp" | "log" | "log1p" | "expm1" | "sqrt" | "abs" | "sign" | "square" | "tanh"
        | "sigmoid" | "relu" | "softplus" | "clip" | "powi" | "powf" => unary::<T>(case),
        "maximum" | "minimum" | "pow" | "greater" | "less" | "equal" | "greater_equal"
        | "less_equal" => binary::<T>(case),
        "where" => where_case::<T>(case),
        "softmax" | "log_softmax" => softmax::<T>(case),
        "logsumexp" => logsumexp::<T>(case),
        "std" => std_case::<T>(case),
        "cumsum" | "cumprod" | "sort" | "argsort" | "flip" => along::<T>(case),
        "topk" => topk::<T>(case),
        "argmax" | "argmin" => arg_extreme::<T>(case),
        "take" => take::<T>(case),
        "take_along_axis" => take_along::<T>(case),
        "stack" => stack::<T>(case),
        "arange" => arange::<T>(case),
        "linspace" => linspace::<T>(case),
        "tril" | "triu" | "diag" | "trace" => triangles::<T>(case),
        "standardize_fit" | "standardize_transform" => standardize::<T>(case),
        _ => return None,
    };
    Some(match out {
        Ok(outs) => Outcome::Outputs(outs),
        Err(e) => Outcome::Error(e),
    })
}

fn one(a: Arr) -> R {
    Ok(vec![("out".to_string(), a)])
}

fn arr_of<T: Float, S: Shape>(t: &Tensor<T, S>) -> Arr {
    harness::arr(t.dims().as_ref(), t.iter())
}

fn ints<S: Shape>(t: &Tensor<usize, S>) -> Arr {
    Arr {
        dtype: Dtype::I64,
        ..Arr::real(
            t.dims().as_ref().to_vec(),
            t.iter().map(|&i| i as f64).collect(),
        )
    }
}

fn bools<S: Shape>(t: &Tensor<bool, S>) -> Arr {
    Arr {
        dtype: Dtype::Bool,
        ..Arr::real(
            t.dims().as_ref().to_vec(),
            t.iter().map(|&b| if b { 1.0 } else { 0.0 }).collect(),
        )
    }
}

fn reshaped(a: Arr, shape: &[usize]) -> Arr {
    Arr {
        shape: shape.to_vec(),
        ..a
    }
}

/// The case's axis for a rank-`rank` input, counted from 0; `None` for numpy's `null`.
fn axis(case: &Case, rank: usize) -> Result<Option<usize>, String> {
    match case.arg_int("axis") {
        None => Ok(None),
        Some(a) => {
            let r = rank as i64;
            if a < -r || a >= r {
                Err(format!("axis {a} is out of range for rank {rank}"))
            } else {
                Ok(Some(if a < 0 { (a + r) as usize } else { a as usize }))
            }
        }
    }
}

/// The input flattened (numpy's `axis=None`).
fn flat<T: Float>(a: &Arr) -> Tensor<T, D1> {
    harness::tensor::<T, D1>(&Arr::real(vec![a.data.len()], a.data.clone()))
}

/// Calls `$body` with `$t` the input as a `Dyn` tensor of its rank and `$A` the axis as a
/// const, for ranks 1..=4.
macro_rules! with_axis {
    ($T:ty, $arr:expr, $axis:expr, |$t:ident, $A:ident| $body:expr) => {{
        let a = $arr;
        match (a.shape.len(), $axis) {
            (1, 0) => {
                let $t = harness::tensor::<$T, D1>(a);
                const $A: usize = 0;
                $body
            }
            (2, 0) => {
                let $t = harness::tensor::<$T, D2>(a);
                const $A: usize = 0;
                $body
            }
            (2, 1) => {
                let $t = harness::tensor::<$T, D2>(a);
                const $A: usize = 1;
                $body
            }
            (3, 0) => {
                let $t = harness::tensor::<$T, D3>(a);
                const $A: usize = 0;
                $body
            }
            (3, 1) => {
                let $t = harness::tensor::<$T, D3>(a);
                const $A: usize = 1;
                $body
            }
            (3, 2) => {
                let $t = harness::tensor::<$T, D3>(a);
                const $A: usize = 2;
                $body
            }
            (4, 0) => {
                let $t = harness::tensor::<$T, D4>(a);
                const $A: usize = 0;
                $body
            }
            (4, 1) => {
                let $t = harness::tensor::<$T, D4>(a);
                const $A: usize = 1;
                $body
            }
            (4, 2) => {
                let $t = harness::tensor::<$T, D4>(a);
                const $A: usize = 2;
                $body
            }
            (4, 3) => {
                let $t = harness::tensor::<$T, D4>(a);
                const $A: usize = 3;
                $body
            }
            (r, ax) => return Err(format!("axis {ax} of rank {r} is not in the harness")),
        }
    }};
}

// ---------------------------------------------------------------------------------------------
// Elementwise

fn unary<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let bound = |k: &str, none: T| case.arg_f64(k).map(T::of).unwrap_or(none);
    let out = crate::with_rank!(T, x, |t| arr_of(&match case.op.as_str() {
        "exp" => t.exp(),
        "log" => t.ln(),
        "log1p" => t.log1p(),
        "expm1" => t.expm1(),
        "sqrt" => t.sqrt(),
        "abs" => t.abs(),
        "sign" => t.signum(),
        "square" => t.square(),
        "tanh" => t.tanh(),
        "sigmoid" => t.sigmoid(),
        "relu" => t.relu(),
        "softplus" => t.softplus(),
        "clip" => t.clip(bound("lo", T::neg_infinity()), bound("hi", T::infinity())),
        "powi" => t.powi(case.arg_int("n").expect("n") as i32),
        _ => t.powf(T::of(case.arg_f64("p").expect("p"))),
    }));
    one(out)
}

fn binop<T: Float, SA: BroadcastShapes<SB>, SB: Shape>(op: &str, a: &Arr, b: &Arr) -> R {
    let x = harness::tensor::<T, SA>(a);
    let y = harness::tensor::<T, SB>(b);
    let e = |e: shaped::ShapeError| e.to_string();
    one(match op {
        "maximum" => arr_of(&x.try_maximum(&y).map_err(e)?),
        "minimum" => arr_of(&x.try_minimum(&y).map_err(e)?),
        "pow" => arr_of(&x.try_pow(&y).map_err(e)?),
        "greater" => bools(&x.try_gt(&y).map_err(e)?),
        "less" => bools(&x.try_lt(&y).map_err(e)?),
        "equal" => bools(&x.try_eq_elem(&y).map_err(e)?),
        "greater_equal" => bools(&x.try_ge(&y).map_err(e)?),
        _ => bools(&x.try_le(&y).map_err(e)?),
    })
}

fn binary<T: Float>(case: &Case) -> R {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    let op = case.op.as_str();
    match (a.shape.len(), b.shape.len()) {
        (1, 1) => binop::<T, D1, D1>(op, a, b),
        (2, 1) => binop::<T, D2, D1>(op, a, b),
        (2, 2) => binop::<T, D2, D2>(op, a, b),
        (3, 3) => binop::<T, D3, D3>(op, a, b),
        (ra, rb) => Err(format!("ranks ({ra}, {rb}) are not in the harness")),
    }
}

fn mask<S: Shape>(a: &Arr) -> Tensor<bool, S> {
    let shape = S::try_from_dims(&a.shape).expect("rank");
    Tensor::from_vec(shape, a.data.iter().map(|&x| x != 0.0).collect()).expect("sizes")
}

fn where_case<T: Float>(case: &Case) -> R {
    let (c, a, b) = (&case.inputs[0], &case.inputs[1], &case.inputs[2]);
    let e = |e: shaped::ShapeError| e.to_string();
    match (c.shape.len(), a.shape.len(), b.shape.len()) {
        (1, 1, 1) => {
            let (c, a, b) = (
                mask::<D1>(c),
                harness::tensor::<T, D1>(a),
                harness::tensor::<T, D1>(b),
            );
            one(arr_of(&try_where_(&c, &a, &b).map_err(e)?))
        }
        (3, 2, 3) => {
            let (c, a, b) = (
                mask::<D3>(c),
                harness::tensor::<T, D2>(a),
                harness::tensor::<T, D3>(b),
            );
            one(arr_of(&try_where_(&c, &a, &b).map_err(e)?))
        }
        r => Err(format!("ranks {r:?} are not in the harness")),
    }
}

// ---------------------------------------------------------------------------------------------
// Along an axis

fn softmax<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let log = case.op == "log_softmax";
    match axis(case, x.shape.len())? {
        None => {
            let t = flat::<T>(x);
            let r = if log {
                t.log_softmax::<0>()
            } else {
                t.softmax::<0>()
            };
            one(reshaped(arr_of(&r), &x.shape))
        }
        Some(ax) => one(with_axis!(T, x, ax, |t, A| arr_of(&if log {
            t.log_softmax::<A>()
        } else {
            t.softmax::<A>()
        }))),
    }
}

fn logsumexp<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let keep = case.arg_bool("keepdims");
    match axis(case, x.shape.len())? {
        None => {
            let r = arr_of(&flat::<T>(x).logsumexp::<0>());
            let shape = if keep { vec![1; x.shape.len()] } else { vec![] };
            one(reshaped(r, &shape))
        }
        Some(ax) if keep => one(with_axis!(T, x, ax, |t, A| arr_of(
            &t.logsumexp_keepdim::<A>()
        ))),
        Some(ax) => one(with_axis!(T, x, ax, |t, A| arr_of(&t.logsumexp::<A>()))),
    }
}

fn std_case<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let ddof = case.arg_int("ddof").unwrap_or(0) as usize;
    let keep = case.arg_bool("keepdims");
    match axis(case, x.shape.len())? {
        None => {
            let r = arr_of(&flat::<T>(x).std_ddof::<0>(ddof));
            let shape = if keep { vec![1; x.shape.len()] } else { vec![] };
            one(reshaped(r, &shape))
        }
        Some(ax) => {
            let r = with_axis!(T, x, ax, |t, A| arr_of(&t.std_ddof::<A>(ddof)));
            if keep {
                let mut shape = x.shape.clone();
                shape[ax] = 1;
                one(reshaped(r, &shape))
            } else {
                one(r)
            }
        }
    }
}

/// cumsum, cumprod, sort, argsort, flip: the shape kept (flattened first for `axis=None`,
/// except flip, which then reverses every axis).
fn along<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let op = case.op.as_str();
    match axis(case, x.shape.len())? {
        None if op == "flip" => {
            // every axis reversed is the flattened data reversed
            let t = flat::<T>(x);
            one(reshaped(arr_of(&t.flip::<0>()), &x.shape))
        }
        None => {
            let t = flat::<T>(x);
            one(match op {
                "cumsum" => arr_of(&t.cumsum::<0>()),
                "cumprod" => arr_of(&t.cumprod::<0>()),
                "sort" => arr_of(&t.sort::<0>()),
                _ => ints(&t.argsort::<0>()),
            })
        }
        Some(ax) => one(with_axis!(T, x, ax, |t, A| match op {
            "cumsum" => arr_of(&t.cumsum::<A>()),
            "cumprod" => arr_of(&t.cumprod::<A>()),
            "sort" => arr_of(&t.sort::<A>()),
            "flip" => arr_of(&t.flip::<A>()),
            _ => ints(&t.argsort::<A>()),
        })),
    }
}

fn topk<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let k = case.arg_int("k").expect("k");
    let ax = axis(case, x.shape.len())?.ok_or("topk needs an axis")?;
    macro_rules! topk_cases {
        ($(($rank:literal, $a:literal, $k:literal) => $S:ty),* $(,)?) => {
            match (x.shape.len(), ax, k) {
                $(($rank, $a, $k) => {
                    let t = harness::tensor::<T, $S>(x);
                    let (v, i) = t.try_topk::<$a, $k>().map_err(|e| e.to_string())?;
                    Ok(vec![("values".to_string(), arr_of(&v)), ("indices".to_string(), ints(&i))])
                })*
                (r, a, k) => Err(format!("topk of rank {r}, axis {a}, k {k} is not in the harness")),
            }
        };
    }
    topk_cases! {
        (1, 0, 3) => D1,
        (1, 0, 7) => D1,
        (3, 2, 4) => D3,
        (4, 1, 2) => D4,
    }
}

fn arg_extreme<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let max = case.op == "argmax";
    let keep = case.arg_bool("keepdims");
    let r = match axis(case, x.shape.len())? {
        None => {
            let t = flat::<T>(x);
            let i = if max { t.try_argmax() } else { Ok(t.argmin()) };
            let i = i.map_err(|e| e.to_string())?;
            let shape = if keep { vec![1; x.shape.len()] } else { vec![] };
            Arr {
                dtype: Dtype::I64,
                ..Arr::real(shape, vec![i as f64])
            }
        }
        Some(ax) => {
            let r = with_axis!(T, x, ax, |t, A| ints(&if max {
                t.argmax_axis::<A>()
            } else {
                t.argmin_axis::<A>()
            }));
            if keep {
                let mut shape = x.shape.clone();
                shape[ax] = 1;
                reshaped(r, &shape)
            } else {
                r
            }
        }
    };
    one(r)
}

// ---------------------------------------------------------------------------------------------
// Indexing and construction

/// numpy indices as `usize`: negative ones count from the end; one still out of range
/// becomes `usize::MAX`, for the `try_` method to report.
fn indices<S: Shape>(a: &Arr, n: usize) -> Tensor<usize, S> {
    let shape = S::try_from_dims(&a.shape).expect("rank");
    let ix = a
        .data
        .iter()
        .map(|&i| {
            let i = i as i64;
            let j = if i < 0 { i + n as i64 } else { i };
            if j < 0 { usize::MAX } else { j as usize }
        })
        .collect();
    Tensor::from_vec(shape, ix).expect("sizes")
}

fn take<T: Float>(case: &Case) -> R {
    let (x, idx) = (&case.inputs[0], &case.inputs[1]);
    let e = |e: shaped::ShapeError| e.to_string();
    let ax = axis(case, x.shape.len())?;
    let (x_arr, ax) = match ax {
        Some(a) => (x.clone(), a),
        None => (Arr::real(vec![x.data.len()], x.data.clone()), 0),
    };
    let n = x_arr.shape[ax];
    // a scalar index takes one slice and removes the axis
    let (idx_arr, scalar) = match idx.shape.len() {
        0 => (
            Arr {
                shape: vec![1],
                ..idx.clone()
            },
            true,
        ),
        1 => (idx.clone(), false),
        r => return Err(format!("indices of rank {r} are not in the harness")),
    };
    let ix = indices::<D1>(&idx_arr, n);
    let r = with_axis!(T, &x_arr, ax, |t, A| arr_of(
        &t.try_take::<A, _>(&ix).map_err(e)?
    ));
    if scalar {
        let mut shape = x_arr.shape.clone();
        shape.remove(ax);
        one(reshaped(r, &shape))
    } else {
        one(r)
    }
}

fn take_along<T: Float>(case: &Case) -> R {
    let (x, idx) = (&case.inputs[0], &case.inputs[1]);
    let e = |e: shaped::ShapeError| e.to_string();
    match axis(case, x.shape.len())? {
        None => {
            let t = flat::<T>(x);
            let ix = indices::<D1>(idx, t.numel());
            one(arr_of(&t.try_take_along_axis::<0, _>(&ix).map_err(e)?))
        }
        Some(_) if idx.shape.len() != x.shape.len() => Err(format!(
            "indices of rank {} for a tensor of rank {}: a type error in the typed API",
            idx.shape.len(),
            x.shape.len()
        )),
        Some(ax) => {
            let n = x.shape[ax];
            match x.shape.len() {
                2 => {
                    let ix = indices::<D2>(idx, n);
                    let t = harness::tensor::<T, D2>(x);
                    let r = match ax {
                        0 => t.try_take_along_axis::<0, _>(&ix),
                        _ => t.try_take_along_axis::<1, _>(&ix),
                    };
                    one(arr_of(&r.map_err(e)?))
                }
                r => Err(format!("rank {r} is not in the harness")),
            }
        }
    }
}

fn stack<T: Float>(case: &Case) -> R {
    let rank = case.inputs[0].shape.len();
    let a = case.arg_int("axis").expect("axis");
    let r1 = rank as i64 + 1;
    if a < -r1 || a >= r1 {
        return Err(format!("axis {a} is out of range for stack of rank {rank}"));
    }
    let ax = if a < 0 { a + r1 } else { a } as usize;
    let e = |e: shaped::ShapeError| e.to_string();
    macro_rules! stacked {
        ($S:ty, $A:literal) => {{
            let xs: Vec<Tensor<T, $S>> = case
                .inputs
                .iter()
                .map(|x| harness::tensor::<T, $S>(x))
                .collect();
            match xs.as_slice() {
                [a, b] => arr_of(&Tensor::try_stack::<$A, _>(&[a, b]).map_err(e)?),
                [a, b, c] => arr_of(&Tensor::try_stack::<$A, _>(&[a, b, c]).map_err(e)?),
                [a, b, c, d] => arr_of(&Tensor::try_stack::<$A, _>(&[a, b, c, d]).map_err(e)?),
                _ => return Err(format!("{} inputs are not in the harness", xs.len())),
            }
        }};
    }
    one(match (rank, ax) {
        (1, 0) => stacked!(D1, 0),
        (1, 1) => stacked!(D1, 1),
        (2, 0) => stacked!(D2, 0),
        (2, 1) => stacked!(D2, 1),
        (2, 2) => stacked!(D2, 2),
        (r, a) => {
            return Err(format!(
                "stack of rank {r} on axis {a} is not in the harness"
            ));
        }
    })
}

fn arange<T: Float>(case: &Case) -> R {
    let f = |k: &str| T::of(case.arg_f64(k).expect(k));
    let t =
        Tensor::<T, D1>::try_arange(f("start"), f("stop"), f("step")).map_err(|e| e.to_string())?;
    one(arr_of(&t))
}

fn linspace<T: Float>(case: &Case) -> R {
    let f = |k: &str| T::of(case.arg_f64(k).expect(k));
    let num = case.arg_int("num").expect("num");
    if num < 0 {
        return Err(format!("linspace: num = {num} is negative"));
    }
    let endpoint = case
        .args
        .get("endpoint")
        .and_then(|v| v.as_bool())
        .unwrap_or(true);
    let t = if endpoint {
        Tensor::<T, D1>::linspace(f("start"), f("stop"), num as usize)
    } else {
        Tensor::<T, D1>::linspace_no_endpoint(f("start"), f("stop"), num as usize)
    };
    one(arr_of(&t))
}

fn triangles<T: Float>(case: &Case) -> R {
    let x = &case.inputs[0];
    let k = case
        .arg_int("k")
        .or_else(|| case.arg_int("offset"))
        .unwrap_or(0) as isize;
    match (case.op.as_str(), x.shape.len()) {
        ("diag", 1) => one(arr_of(&harness::tensor::<T, D1>(x).diag(k))),
        ("diag", 2) => one(arr_of(&harness::tensor::<T, D2>(x).diag(k))),
        ("diag", r) => Err(format!("diag of rank {r}: a type error in the typed API")),
        (op, 2) => {
            let t = harness::tensor::<T, D2>(x);
            one(match op {
                "tril" => arr_of(&t.tril(k)),
                "triu" => arr_of(&t.triu(k)),
                _ => harness::arr(&[], [t.trace_offset(k)].iter()),
            })
        }
        (op, r) => Err(format!("{op} of rank {r} is not in the harness")),
    }
}

fn standardize<T: Float>(case: &Case) -> R {
    let train = harness::tensor::<T, D2>(&case.inputs[0]);
    let sc = Standardizer::fit(&train).map_err(|e| e.to_string())?;
    if case.op == "standardize_fit" {
        return Ok(vec![
            ("mean".to_string(), arr_of(sc.mean())),
            ("scale".to_string(), arr_of(sc.scale())),
        ]);
    }
    let test = harness::tensor::<T, D2>(&case.inputs[1]);
    one(arr_of(&sc.try_transform(&test).map_err(|e| e.to_string())?))
}
