//! Dispatch of `einsum` through the run-time entry [`shaped::einsum::einsum_dyn`] (operands of
//! any rank, numpy's subscript grammar). The typed `einsum!` runs the same cases in
//! `tests/einsum_conformance.rs`.

use shaped::Float;
use shaped::einsum::{Operand, einsum_dyn};

use super::harness::{Arr, Case, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    if case.op != "einsum" {
        return None;
    }
    Some(match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    })
}

fn run<T: Float>(case: &Case) -> Outcome {
    let spec = case.args["spec"].as_str().expect("spec");
    let data: Vec<Vec<T>> = case
        .inputs
        .iter()
        .map(|a| a.data.iter().map(|&x| T::of(x)).collect())
        .collect();
    let mut ops = Vec::new();
    for (a, d) in case.inputs.iter().zip(&data) {
        let mut strides = vec![0; a.shape.len()];
        let mut acc = 1;
        for (s, &n) in strides.iter_mut().zip(&a.shape).rev() {
            *s = acc;
            acc *= n;
        }
        match Operand::from_raw(d, &a.shape, &strides) {
            Ok(o) => ops.push(o),
            Err(e) => return Outcome::Error(e.to_string()),
        }
    }
    match einsum_dyn(spec, &ops) {
        Ok(out) => Outcome::Outputs(vec![(
            "out".to_string(),
            Arr::real(out.dims, out.data.iter().map(|x| x.as_f64()).collect()),
        )]),
        Err(e) => Outcome::Error(e.to_string()),
    }
}
