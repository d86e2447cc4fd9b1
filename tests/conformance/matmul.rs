//! Dispatch of the products: `matmul` (2-D, batched, a 2-D operand against a 3-D one) and
//! `matvec`, on `Dyn` tensors through the public methods.

use shaped::{Float, ShapeError};

use super::harness::{self, Case, D1, D2, D3, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    }
}

fn run<T: Float>(case: &Case) -> Option<Outcome> {
    let result = match case.op.as_str() {
        "matmul" => matmul::<T>(case),
        "matvec" => matvec::<T>(case),
        _ => return None,
    };
    Some(match result {
        Ok(out) => Outcome::Outputs(vec![out]),
        Err(e) => Outcome::Error(e.to_string()),
    })
}

/// numpy.matmul for ranks 2 and 3 in any combination (the batch dim broadcasts).
fn matmul<T: Float>(case: &Case) -> Result<(String, harness::Arr), ShapeError> {
    let (a, b) = (&case.inputs[0], &case.inputs[1]);
    Ok(match (a.shape.len(), b.shape.len()) {
        (2, 2) => harness::out(
            "out",
            &harness::tensor::<T, D2>(a).try_matmul(harness::tensor::<T, D2>(b))?,
        ),
        (3, 3) => harness::out(
            "out",
            &harness::tensor::<T, D3>(a).try_matmul(harness::tensor::<T, D3>(b))?,
        ),
        (2, 3) => harness::out(
            "out",
            &harness::tensor::<T, D2>(a).try_matmul(harness::tensor::<T, D3>(b))?,
        ),
        (3, 2) => harness::out(
            "out",
            &harness::tensor::<T, D3>(a).try_matmul(harness::tensor::<T, D2>(b))?,
        ),
        (ra, rb) => {
            return Err(ShapeError::pair(
                "matmul",
                &a.shape,
                &b.shape,
                format!("ranks {ra} and {rb} are not handled (matmul takes ranks 2 and 3)"),
            ));
        }
    })
}

fn matvec<T: Float>(case: &Case) -> Result<(String, harness::Arr), ShapeError> {
    let a = harness::tensor::<T, D2>(&case.inputs[0]);
    let x = harness::tensor::<T, D1>(&case.inputs[1]);
    Ok(harness::out("out", &a.try_matvec(&x)?))
}
