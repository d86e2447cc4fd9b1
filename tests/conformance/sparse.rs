//! Dispatch of the sparse and structured ops: `csr_matvec`, `csr_matmat`, `toeplitz_matvec`,
//! `convolve`, `circulant_matvec`.

use shaped::sparse::Csr;
use shaped::structured::{
    Circulant, FftScalar, Toeplitz, convolve_full, convolve_same, convolve_valid,
};
use shaped::{Dyn, Tensor};

use super::harness::{self, Arr, Case, D1, D2, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    }
}

fn run<T: FftScalar>(case: &Case) -> Option<Outcome> {
    let outs = match case.op.as_str() {
        "csr_matvec" => csr_op::<T>(case, false),
        "csr_matmat" => csr_op::<T>(case, true),
        "toeplitz_matvec" => toeplitz::<T>(case),
        "convolve" => convolve::<T>(case),
        "circulant_matvec" => circulant::<T>(case),
        _ => return None,
    };
    Some(match outs {
        Ok(o) => Outcome::Outputs(o),
        Err(e) => Outcome::Error(e),
    })
}

type Outs = Result<Vec<(String, Arr)>, String>;

fn indices(a: &Arr) -> Vec<usize> {
    a.data
        .iter()
        .map(|&x| {
            assert!(
                x >= 0.0 && x.fract() == 0.0,
                "index {x} is not a non-negative integer"
            );
            x as usize
        })
        .collect()
}

/// CSR (indptr, indices, values) times a vector or a dense matrix; also `dense` when the
/// case records it.
fn csr_op<T: FftScalar>(case: &Case, matmat: bool) -> Outs {
    let shape: Vec<usize> = case.args["shape"]
        .as_array()
        .expect("shape")
        .iter()
        .map(|d| d.as_u64().expect("dim") as usize)
        .collect();
    let (indptr, idx, vals, rhs) = (
        &case.inputs[0],
        &case.inputs[1],
        &case.inputs[2],
        &case.inputs[3],
    );
    let a = Csr::<T, Dyn, Dyn>::from_parts(
        (Dyn(shape[0]), Dyn(shape[1])),
        indices(indptr),
        indices(idx),
        vals.data.iter().map(|&x| T::of(x)).collect(),
    )
    .map_err(|e| e.to_string())?;
    let mut outs = Vec::new();
    if matmat {
        let b = harness::tensor::<T, D2>(rhs);
        outs.push(harness::out(
            "out",
            &a.try_matmul(&b).map_err(|e| e.to_string())?,
        ));
    } else {
        let x = harness::tensor::<T, D1>(rhs);
        outs.push(harness::out(
            "out",
            &a.try_matvec(&x).map_err(|e| e.to_string())?,
        ));
    }
    outs.push(harness::out("dense", &a.to_dense()));
    Ok(outs)
}

fn toeplitz<T: FftScalar>(case: &Case) -> Outs {
    let c = harness::tensor::<T, D1>(&case.inputs[0]);
    let r = harness::tensor::<T, D1>(&case.inputs[1]);
    let x = harness::tensor::<T, D1>(&case.inputs[2]);
    let t = Toeplitz::new(&c, &r).map_err(|e| e.to_string())?;
    Ok(vec![harness::out(
        "out",
        &t.try_matvec(&x).map_err(|e| e.to_string())?,
    )])
}

fn convolve<T: FftScalar>(case: &Case) -> Outs {
    let a = harness::tensor::<T, D1>(&case.inputs[0]);
    let v = harness::tensor::<T, D1>(&case.inputs[1]);
    let mode = case
        .args
        .get("mode")
        .and_then(|m| m.as_str())
        .unwrap_or("full");
    let out: Tensor<T, D1> = match mode {
        "full" => convolve_full(&a, &v).into_dyn(),
        "valid" => convolve_valid(&a, &v).into_dyn(),
        "same" => convolve_same(&a, &v).into_dyn(),
        other => return Err(format!("unknown mode {other:?}")),
    };
    Ok(vec![harness::out("out", &out)])
}

fn circulant<T: FftScalar>(case: &Case) -> Outs {
    let c = harness::tensor::<T, D1>(&case.inputs[0]);
    let x = harness::tensor::<T, D1>(&case.inputs[1]);
    let m = Circulant::new(&c);
    Ok(vec![harness::out(
        "out",
        &m.try_matvec(&x).map_err(|e| e.to_string())?,
    )])
}
