//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) through the checks of the fuzz
//! targets (`fuzz/src/lib.rs`, compiled here as a module): every input the fuzzer kept, on the
//! stable toolchain, in well under a second. Fuzzing itself is `fuzz/README.md`.

#[path = "../../fuzz/src/lib.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = crate::repo_root().join("fuzz/corpus").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let r = std::panic::catch_unwind(|| check(&data));
        assert!(r.is_ok(), "fuzz input {} fails", path.display());
        n += 1;
    }
    assert!(n > 0, "no corpus in {}", dir.display());
}

#[test]
fn npy() {
    replay("npy", checks::npy);
}

#[test]
fn csr() {
    replay("csr", checks::csr);
}

#[test]
fn einsum() {
    replay("einsum", checks::einsum);
}

#[test]
fn shapes() {
    replay("shapes", checks::shapes);
}
