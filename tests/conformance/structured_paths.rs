//! The structured conformance cases on each path (direct and FFT) forced.

use shaped::structured::{Circulant, Method, Mode, Toeplitz, convolve};
use shaped::{Dyn, Tensor};

use crate::harness;

fn dvec(v: &[f64]) -> Tensor<f64, (Dyn,)> {
    Tensor::from_vec((Dyn(v.len()),), v.to_vec()).unwrap()
}

/// Every structured conformance case, on the direct and on the FFT path, in f64 with the
/// README's tolerances (the main conformance test runs the `Auto` path in both precisions).
#[test]
fn conformance_cases_pass_on_both_paths() {
    let cases: Vec<_> = harness::load_all()
        .into_iter()
        .filter(|c| c.file == "structured")
        .collect();
    assert_eq!(cases.len(), 30);
    for method in [Method::Direct, Method::Fft] {
        for case in &cases {
            let inp = |k: usize| dvec(&case.inputs[k].data);
            let out = match case.op.as_str() {
                "convolve" => {
                    let mode = match case.args["mode"].as_str().unwrap() {
                        "full" => Mode::Full,
                        "valid" => Mode::Valid,
                        _ => Mode::Same,
                    };
                    convolve(&inp(0), &inp(1), mode, method).unwrap()
                }
                "toeplitz_matvec" => Toeplitz::new(&inp(0), &inp(1))
                    .unwrap()
                    .matvec_with(&inp(2), method),
                "circulant_matvec" => Circulant::new(&inp(0)).matvec_with(&inp(1), method),
                other => panic!("unexpected op {other}"),
            };
            let outcome = harness::Outcome::Outputs(vec![harness::out("out", &out)]);
            if let Err(e) = harness::check(case, outcome, harness::Precision::F64) {
                panic!("{} by {method:?}: {e}", case.id);
            }
        }
    }
}
