//! The compile-fail suite: every shape mistake the type system catches has a case in
//! `ui-tests/fail/` whose `.stderr` snapshot is the message a user sees. The pass cases make
//! trybuild build (not only check) the batch, so that `const` assertions, which fire only
//! under `cargo build`, are exercised too.
//!
//! To refresh snapshots after a deliberate change of wording: `TRYBUILD=overwrite cargo test
//! --test ui`, then read every changed `.stderr` as a newcomer would.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui-tests/pass/*.rs");
    t.compile_fail("ui-tests/fail/*.rs");
}
