//! Dispatch of the shape operations of the core: `transpose`.

use shaped::{Axes1, Axes2, Axes3, Axes4, Axes5, Axes6, Float};

use super::harness::{self, Case, Outcome, Precision};

pub fn dispatch(case: &Case, p: Precision) -> Option<Outcome> {
    match p {
        Precision::F64 => run::<f64>(case),
        Precision::F32 => run::<f32>(case),
    }
}

fn run<T: Float>(case: &Case) -> Option<Outcome> {
    match case.op.as_str() {
        "transpose" => Some(transpose::<T>(case)),
        _ => None,
    }
}

/// numpy.transpose(x, axes): `null` reverses the axes.
fn transpose<T: Float>(case: &Case) -> Outcome {
    let x = &case.inputs[0];
    let rank = x.shape.len();
    let axes: Vec<usize> = match case.args.get("axes").and_then(|a| a.as_array()) {
        Some(a) => a.iter().map(|v| v.as_u64().unwrap() as usize).collect(),
        None => (0..rank).rev().collect(),
    };
    macro_rules! permuted {
        ($t:ident; $($pat:pat => $axes:ty),* $(,)?) => {
            match axes.as_slice() {
                $($pat => {
                    let v = $t.permute::<$axes>();
                    harness::arr(v.dims().as_ref(), v.iter())
                })*
                other => return Outcome::Error(format!("permutation {other:?} not in the harness")),
            }
        };
    }
    let out = match rank {
        0 => {
            let t = harness::tensor::<T, harness::D0>(x);
            harness::arr(&[], t.iter())
        }
        1 => {
            let t = harness::tensor::<T, harness::D1>(x);
            permuted!(t; [0] => Axes1<0>)
        }
        2 => {
            let t = harness::tensor::<T, harness::D2>(x);
            permuted!(t; [0, 1] => Axes2<0, 1>, [1, 0] => Axes2<1, 0>)
        }
        3 => {
            let t = harness::tensor::<T, harness::D3>(x);
            permuted!(t;
                [0, 1, 2] => Axes3<0, 1, 2>, [0, 2, 1] => Axes3<0, 2, 1>,
                [1, 0, 2] => Axes3<1, 0, 2>, [1, 2, 0] => Axes3<1, 2, 0>,
                [2, 0, 1] => Axes3<2, 0, 1>, [2, 1, 0] => Axes3<2, 1, 0>)
        }
        4 => {
            let t = harness::tensor::<T, harness::D4>(x);
            permuted!(t; [3, 2, 1, 0] => Axes4<3, 2, 1, 0>, [0, 1, 3, 2] => Axes4<0, 1, 3, 2>)
        }
        5 => {
            let t = harness::tensor::<T, harness::D5>(x);
            permuted!(t; [4, 3, 2, 1, 0] => Axes5<4, 3, 2, 1, 0>)
        }
        _ => {
            let t = harness::tensor::<T, harness::D6>(x);
            permuted!(t; [5, 4, 3, 2, 1, 0] => Axes6<5, 4, 3, 2, 1, 0>)
        }
    };
    Outcome::Outputs(vec![("out".to_string(), out)])
}
