//! Dispatch of elementwise arithmetic, reductions, vector norms and similarity: `add`, `sub`,
//! `mul`, `div`, `sum`, `mean`, `max`, `min`, `dot`, `norm_l1`, `norm_l2`, `norm_linf`,
//! `norm_fro`, `row_normalize`, `cosine_similarity`.
//!
//! Cases run on all-`Dyn` tensors, so numpy's size-1 broadcasting is exercised at run time.
//! A case's run-time axis (negative counts from the end) is matched to the const generic axis
//! of the typed method.

use shaped::{BroadcastShapes, Float, Shape, Tensor};

use super::harness::{self, Arr, Case, D0, D1, D2, D3, D4, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    }
}

fn run<T: Float>(case: &Case) -> Option<Outcome> {
    let out = match case.op.as_str() {
        "add" | "sub" | "mul" | "div" => binary::<T>(case),
        "sum" | "mean" | "max" | "min" => reduction::<T>(case),
        "norm_l1" | "norm_l2" | "norm_linf" => vector_norm::<T>(case),
        "norm_fro" => {
            let a = harness::tensor::<T, D2>(&case.inputs[0]);
            Ok(scalar(a.norm_fro()))
        }
        "dot" => {
            let x = harness::tensor::<T, D1>(&case.inputs[0]);
            let y = harness::tensor::<T, D1>(&case.inputs[1]);
            x.try_dot(&y).map(scalar).map_err(|e| e.to_string())
        }
        "row_normalize" => {
            let x = harness::tensor::<T, D2>(&case.inputs[0]);
            Ok(arr_of(&x.normalize_rows(eps::<T>(case))))
        }
        "cosine_similarity" => {
            let x = harness::tensor::<T, D2>(&case.inputs[0]);
            let y = harness::tensor::<T, D2>(&case.inputs[1]);
            x.try_cosine_similarity(&y, eps::<T>(case))
                .map(|s| arr_of(&s))
                .map_err(|e| e.to_string())
        }
        _ => return None,
    };
    Some(match out {
        Ok(a) => Outcome::Outputs(vec![("out".to_string(), a)]),
        Err(e) => Outcome::Error(e),
    })
}

fn eps<T: Float>(case: &Case) -> T {
    T::of(case.arg_f64("eps").expect("eps"))
}

fn arr_of<T: Float, S: Shape>(t: &Tensor<T, S>) -> Arr {
    harness::arr(t.dims().as_ref(), t.iter())
}

fn scalar<T: Float>(x: T) -> Arr {
    harness::arr(&[], [x].iter())
}

// ---------------------------------------------------------------------------------------------
// Elementwise: every pair of ranks 0..=4, each operator through a different operand kind.

fn binop<T: Float, SA, SB: Shape>(op: &str, a: &Arr, b: &Arr) -> Result<Arr, String>
where
    SA: BroadcastShapes<SB>,
{
    let x = harness::tensor::<T, SA>(a);
    let y = harness::tensor::<T, SB>(b);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match op {
        "add" => arr_of(&(&x + &y)),
        "sub" => arr_of(&(x.clone() - y.clone())),
        "mul" => arr_of(&(x.view() * y.view())),
        _ => arr_of(&(x.clone() / &y)),
    }));
    caught.map_err(|_| format!("{op} panicked"))
}

macro_rules! rank_pairs {
    ($T:ty, $op:expr, $a:expr, $b:expr; $(($ra:literal $sa:ty) => [$(($rb:literal $sb:ty)),*]),*) => {
        match ($a.shape.len(), $b.shape.len()) {
            $($(($ra, $rb) => binop::<$T, $sa, $sb>($op, $a, $b),)*)*
            (ra, rb) => Err(format!("ranks ({ra}, {rb}) are not in the harness")),
        }
    };
}

fn binary<T: Float>(case: &Case) -> Result<Arr, String> {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    let op = case.op.as_str();
    rank_pairs!(T, op, a, b;
        (0 D0) => [(0 D0), (1 D1), (2 D2), (3 D3), (4 D4)],
        (1 D1) => [(0 D0), (1 D1), (2 D2), (3 D3), (4 D4)],
        (2 D2) => [(0 D0), (1 D1), (2 D2), (3 D3), (4 D4)],
        (3 D3) => [(0 D0), (1 D1), (2 D2), (3 D3), (4 D4)],
        (4 D4) => [(0 D0), (1 D1), (2 D2), (3 D3), (4 D4)])
}

// ---------------------------------------------------------------------------------------------
// Reductions and per-axis norms: the run-time axis picks the const generic.

/// The axis argument, counted from 0 (negative counts from the end); `None` for all axes.
fn axis_of(case: &Case) -> Option<usize> {
    let rank = case.inputs[0].shape.len() as i64;
    case.arg_int("axis").map(|a| {
        if a < 0 {
            (a + rank) as usize
        } else {
            a as usize
        }
    })
}

/// Calls `$x.$m::<AXIS>()` for the case's rank and axis, on a `Dyn` tensor of that rank.
macro_rules! by_axis {
    ($T:ty, $arr:expr, $axis:expr, $m:ident) => {
        match ($arr.shape.len(), $axis) {
            (1, 0) => arr_of(&harness::tensor::<$T, D1>($arr).$m::<0>()),
            (2, 0) => arr_of(&harness::tensor::<$T, D2>($arr).$m::<0>()),
            (2, 1) => arr_of(&harness::tensor::<$T, D2>($arr).$m::<1>()),
            (3, 0) => arr_of(&harness::tensor::<$T, D3>($arr).$m::<0>()),
            (3, 1) => arr_of(&harness::tensor::<$T, D3>($arr).$m::<1>()),
            (3, 2) => arr_of(&harness::tensor::<$T, D3>($arr).$m::<2>()),
            (4, 0) => arr_of(&harness::tensor::<$T, D4>($arr).$m::<0>()),
            (4, 1) => arr_of(&harness::tensor::<$T, D4>($arr).$m::<1>()),
            (4, 2) => arr_of(&harness::tensor::<$T, D4>($arr).$m::<2>()),
            (4, 3) => arr_of(&harness::tensor::<$T, D4>($arr).$m::<3>()),
            (r, a) => return Err(format!("axis {a} of rank {r} is not in the harness")),
        }
    };
}

/// A scalar result shaped as numpy's `keepdims=True` over all axes: (1, 1, ..).
fn keep_all(x: Arr, rank: usize) -> Arr {
    Arr {
        shape: vec![1; rank],
        ..x
    }
}

fn reduction<T: Float>(case: &Case) -> Result<Arr, String> {
    let x = &case.inputs[0];
    let keep = case.arg_bool("keepdims");
    let Some(axis) = axis_of(case) else {
        let whole = crate::with_rank!(T, x, |t| match case.op.as_str() {
            "sum" => Ok(t.sum()),
            "mean" => Ok(t.mean()),
            "max" => t.try_max().map_err(|e| e.to_string()),
            _ => t.try_min().map_err(|e| e.to_string()),
        })?;
        let s = scalar(whole);
        return Ok(if keep { keep_all(s, x.shape.len()) } else { s });
    };
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Ok(match (case.op.as_str(), keep) {
            ("sum", false) => by_axis!(T, x, axis, sum_axis),
            ("sum", true) => by_axis!(T, x, axis, sum_keepdim),
            ("mean", false) => by_axis!(T, x, axis, mean_axis),
            ("mean", true) => by_axis!(T, x, axis, mean_keepdim),
            ("max", false) => by_axis!(T, x, axis, max_axis),
            ("max", true) => by_axis!(T, x, axis, max_keepdim),
            ("min", false) => by_axis!(T, x, axis, min_axis),
            (_, _) => by_axis!(T, x, axis, min_keepdim),
        })
    }));
    caught.unwrap_or_else(|_| Err(format!("{} panicked", case.op)))
}

fn vector_norm<T: Float>(case: &Case) -> Result<Arr, String> {
    let x = &case.inputs[0];
    let keep = case.arg_bool("keepdims");
    let Some(axis) = axis_of(case) else {
        let whole = crate::with_rank!(T, x, |t| match case.op.as_str() {
            "norm_l1" => t.norm_l1(),
            "norm_l2" => t.norm_l2(),
            _ => t.norm_linf(),
        });
        let s = scalar(whole);
        return Ok(if keep { keep_all(s, x.shape.len()) } else { s });
    };
    Ok(match (case.op.as_str(), keep) {
        ("norm_l1", false) => by_axis!(T, x, axis, norm_l1_axis),
        ("norm_l1", true) => by_axis!(T, x, axis, norm_l1_keepdim),
        ("norm_l2", false) => by_axis!(T, x, axis, norm_l2_axis),
        ("norm_l2", true) => by_axis!(T, x, axis, norm_l2_keepdim),
        ("norm_linf", false) => by_axis!(T, x, axis, norm_linf_axis),
        (_, _) => by_axis!(T, x, axis, norm_linf_keepdim),
    })
}
