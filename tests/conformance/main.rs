//! Conformance against the numpy/LAPACK reference results vendored in `tests/data/conformance/`.
//!
//! Every case whose op is dispatched runs in f64 with the README's tolerances and in f32 with
//! tolerances scaled by the ratio of the epsilons (cases whose inputs need f64 range are
//! skipped in f32 and counted). The report lists passed / total per op and the ops not
//! dispatched yet, by name and count; any failure fails the test.
//!
//! Run `cargo test -p shaped-conformance -- --nocapture` to see the report.
//!
//! This is the package `shaped-conformance` (`tests/conformance/Cargo.toml`), apart from the
//! other integration tests because it builds at opt-level 0: its 200 `einsum!` cases
//! (`einsum_cases.rs`) are costly to optimise (50 s of CPU at opt-level 1) and cheap to run
//! (the whole package runs in under a second either way).

pub mod harness;

mod einsum_cases;
#[path = "../it/panics.rs"]
mod panics;
mod structured_paths;

mod core_ops;

mod einsum;

mod elementwise;
mod linalg_a;

mod matmul;
mod mlops;
mod sparse;

mod linalg_b;

mod linalg2;
mod linalg2_eig;

use std::collections::BTreeMap;

use harness::{Case, Outcome, Precision};

/// One entry per area; each returns `None` for ops it does not handle.
type Dispatch = fn(&Case, Precision) -> Option<Outcome>;

const DISPATCHERS: &[Dispatch] = &[
    linalg2_eig::dispatch,
    linalg2::dispatch,
    core_ops::dispatch,
    matmul::dispatch,
    elementwise::dispatch,
    linalg_a::dispatch,
    sparse::dispatch,
    linalg_b::dispatch,
    einsum::dispatch,
    mlops::dispatch,
];

fn run(case: &Case, p: Precision) -> Option<Outcome> {
    // Panics inside an op are expected for some error cases; keep their messages out of the
    // report (the outcome records them).
    let (caught, _) = crate::panics::catch_quiet(|| DISPATCHERS.iter().find_map(|d| d(case, p)));
    match caught {
        Ok(o) => o,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".to_string());
            Some(Outcome::Error(format!("panicked: {msg}")))
        }
    }
}

#[derive(Default)]
struct Count {
    pass64: usize,
    total64: usize,
    pass32: usize,
    total32: usize,
    skipped32: usize,
}

#[test]
fn conformance() {
    let cases = harness::load_all();
    let mut per_op: BTreeMap<String, Count> = BTreeMap::new();
    let mut undispatched: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();

    for case in &cases {
        if let Some(variant) = harness::unsupported_variant(case) {
            *undispatched
                .entry(format!("{} [{variant}]", case.op))
                .or_default() += 1;
            continue;
        }
        let Some(outcome) = run(case, Precision::F64) else {
            *undispatched.entry(case.op.clone()).or_default() += 1;
            continue;
        };
        let c = per_op.entry(case.op.clone()).or_default();
        c.total64 += 1;
        match harness::check(case, outcome, Precision::F64) {
            Ok(()) => c.pass64 += 1,
            Err(e) => failures.push(format!("[f64] {}: {e}", case.id)),
        }
        if !case.fits_f32() || linalg_b::skip_f32(case).is_some() || mlops::skip_f32(case).is_some()
        {
            c.skipped32 += 1;
            continue;
        }
        c.total32 += 1;
        let outcome = run(case, Precision::F32).expect("dispatched in f64 but not in f32");
        match harness::check(case, outcome, Precision::F32) {
            Ok(()) => c.pass32 += 1,
            Err(e) => failures.push(format!("[f32] {}: {e}", case.id)),
        }
    }

    println!("conformance: {} cases read", cases.len());
    println!(
        "{:<24} {:>10} {:>10} {:>12}",
        "op", "f64", "f32", "f32 skipped"
    );
    let (mut p64, mut t64, mut p32, mut t32) = (0, 0, 0, 0);
    for (op, c) in &per_op {
        println!(
            "{:<24} {:>10} {:>10} {:>12}",
            op,
            format!("{}/{}", c.pass64, c.total64),
            format!("{}/{}", c.pass32, c.total32),
            c.skipped32
        );
        p64 += c.pass64;
        t64 += c.total64;
        p32 += c.pass32;
        t32 += c.total32;
    }
    println!(
        "{:<24} {:>10} {:>10}",
        "all dispatched",
        format!("{p64}/{t64}"),
        format!("{p32}/{t32}")
    );
    let n_undispatched: usize = undispatched.values().sum();
    println!(
        "not dispatched yet: {n_undispatched} cases in {} ops and variants",
        undispatched.len()
    );
    for (op, n) in &undispatched {
        println!("  {op} ({n})");
    }
    assert!(
        failures.is_empty(),
        "{} conformance failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(t64 > 0, "no conformance case was dispatched");
}

/// The reader takes every dtype of the README (`bool`, `i64`, complex `c128` as `[re, im]`
/// pairs), and cases of variants not handled yet are set aside rather than run.
#[test]
fn reader_takes_every_dtype_and_sets_variants_aside() {
    use harness::{Dtype, Expected};
    let cases = harness::load_all();
    let arrays = |c: &Case| -> Vec<harness::Arr> {
        let mut all = c.inputs.clone();
        if let Expected::Outputs(outs) = &c.expected {
            all.extend(outs.values().cloned());
        }
        all
    };
    for dtype in [Dtype::F64, Dtype::I64, Dtype::Bool, Dtype::C128] {
        assert!(
            cases
                .iter()
                .any(|c| arrays(c).iter().any(|a| a.dtype == dtype)),
            "no case holds {dtype:?} data"
        );
    }
    for c in &cases {
        for a in arrays(c) {
            let n: usize = a.shape.iter().product();
            assert_eq!(a.data.len(), n, "{}", c.id);
            match a.dtype {
                Dtype::C128 => {
                    assert_eq!(a.im.len(), n, "{}", c.id);
                    // dispatched for the complex ops, set aside for the others
                    let want = if harness::COMPLEX_OPS.contains(&c.op.as_str()) {
                        None
                    } else {
                        Some("complex")
                    };
                    assert_eq!(harness::unsupported_variant(c), want, "{}", c.id);
                }
                Dtype::Bool => assert!(a.data.iter().all(|&x| x == 0.0 || x == 1.0)),
                Dtype::I64 => assert!(a.data.iter().all(|x| x.fract() == 0.0)),
                Dtype::F64 => assert!(a.im.is_empty()),
            }
        }
    }
    let stacked_solve = cases
        .iter()
        .find(|c| c.op == "solve" && c.inputs[0].shape.len() == 3)
        .expect("a stacked solve case");
    assert_eq!(harness::unsupported_variant(stacked_solve), None);
    let two_batch_dims = cases
        .iter()
        .find(|c| c.op == "solve" && c.inputs[0].shape.len() == 4)
        .expect("a solve case with two batch dims");
    assert_eq!(harness::unsupported_variant(two_batch_dims), None);
    let plain_solve = cases
        .iter()
        .find(|c| c.op == "solve" && c.inputs[0].shape.len() == 2)
        .expect("a 2-D solve case");
    assert_eq!(harness::unsupported_variant(plain_solve), None);
}

/// The repository's root folder (the reference cases and the ui tests are found from it).
pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/conformance is two levels below the root")
        .to_path_buf()
}
