//! Conformance against the numpy/LAPACK reference results in `../shared/conformance/`.
//!
//! Every case whose op is dispatched runs in f64 with the README's tolerances and in f32 with
//! tolerances scaled by the ratio of the epsilons (cases whose inputs need f64 range are
//! skipped in f32 and counted). The report lists passed / total per op and the ops not
//! dispatched yet, by name and count; any failure fails the test.
//!
//! Run `cargo test --test conformance -- --nocapture` to see the report.

#[path = "conformance/harness.rs"]
mod harness;

#[path = "conformance/core_ops.rs"]
mod core_ops;

#[path = "conformance/einsum.rs"]
mod einsum;

#[path = "conformance/elementwise.rs"]
mod elementwise;
#[path = "conformance/linalg_a.rs"]
mod linalg_a;

#[path = "conformance/matmul.rs"]
mod matmul;
#[path = "conformance/sparse.rs"]
mod sparse;

#[path = "conformance/linalg_b.rs"]
mod linalg_b;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use harness::{Case, Outcome, Precision};

/// One entry per area; each returns `None` for ops it does not handle.
type Dispatch = fn(&Case, Precision) -> Option<Outcome>;

const DISPATCHERS: &[Dispatch] = &[
    core_ops::dispatch,
    matmul::dispatch,
    elementwise::dispatch,
    linalg_a::dispatch,
    sparse::dispatch,
    linalg_b::dispatch,
    einsum::dispatch,
];

fn run(case: &Case, p: Precision) -> Option<Outcome> {
    let caught = catch_unwind(AssertUnwindSafe(|| {
        DISPATCHERS.iter().find_map(|d| d(case, p))
    }));
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

    // Panics inside an op are expected for some error cases; keep their messages out of the
    // report (the outcome records them).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    for case in &cases {
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
        if !case.fits_f32() || linalg_b::skip_f32(case).is_some() {
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
    std::panic::set_hook(hook);

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
        "not dispatched yet: {n_undispatched} cases in {} ops",
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
