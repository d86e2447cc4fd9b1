//! The compile-fail suite: every shape mistake the type system catches has a case whose
//! `.stderr` snapshot is the message a user sees.
//!
//! - `ui-tests/fail/`: mistakes that `cargo check` reports (trait bounds, types). trybuild
//!   checks the whole batch in one `cargo check --keep-going`: no code generation, and its
//!   own build of the dependencies in check mode only.
//! - `ui-tests/fail_build/`: mistakes caught by `const` assertions (`reshape` to another
//!   element count, `pca::<K>` with more components than the data has, a repeated axis in
//!   `permute`, ...). Those fire only while a program is compiled to code, which would put
//!   trybuild into build mode for every case and make it build the library and its
//!   dependencies twice more (about 40 s of the suite's 54 s on a 2-core machine). This
//!   driver compiles each of them with `rustc` against the library that `cargo test` has
//!   just built for this test binary, and compares the normalised message with the snapshot.
//! - `ui-tests/pass/`: programs that must compile and run. They are modules of the
//!   integration-test binary (`tests/it/main.rs`, `ui_pass_*`), each `main` one test.
//!
//! To refresh snapshots after a deliberate change of wording: `TRYBUILD=overwrite cargo test
//! --test ui`, then read every changed `.stderr` as a newcomer would.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn ui() {
    {
        let checked = trybuild::TestCases::new();
        checked.compile_fail("ui-tests/fail/*.rs");
        // The batch runs here, when `checked` is dropped.
    }
    let failures = fail_build_cases();
    assert!(failures.is_empty(), "ui-tests/fail_build: {failures:#?}");
}

/// Compiles every `ui-tests/fail_build/*.rs` to code and compares its normalised error with
/// the `.stderr` beside it; returns one message per case that does not match.
fn fail_build_cases() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let overwrite = std::env::var_os("TRYBUILD").is_some_and(|v| v == "overwrite");
    let (deps, rlib) = built_library();
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui_fail_build");
    std::fs::create_dir_all(&out_dir).expect("create the output folder");

    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("ui-tests/fail_build"))
        .expect("read ui-tests/fail_build")
        .map(|e| e.expect("list ui-tests/fail_build").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in ui-tests/fail_build");

    let mut failures = Vec::new();
    for case in &cases {
        let rel = case.strip_prefix(root).expect("case under the repository");
        let rel = rel.to_str().expect("UTF-8 path");
        let stem = case
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name");
        let output = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
            .current_dir(root)
            .args([
                "--edition",
                "2024",
                "--crate-type",
                "bin",
                "--crate-name",
                stem,
            ])
            .arg(rel)
            .arg("--extern")
            .arg(format!("shaped={}", rlib.display()))
            .arg("-L")
            .arg(format!("dependency={}", deps.display()))
            .args(["--emit=link", "-C", "debuginfo=0", "--diagnostic-width=140"])
            .args(["--verbose", "-A", "dead_code"])
            .arg("-o")
            .arg(out_dir.join(stem))
            .output()
            .expect("run rustc");
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("test {rel} [should fail to build] ...");
        if output.status.success() {
            failures.push(format!("{rel}: compiled, but must fail to build"));
            continue;
        }
        if stderr.contains("error[E0463]") || stderr.contains("error[E0514]") {
            panic!(
                "{rel}: rustc could not load the library built by cargo ({}); is `rustc` the \
                 toolchain cargo used?\n{stderr}",
                rlib.display()
            );
        }
        let got = normalise(&stderr, rel);
        let snapshot = case.with_extension("stderr");
        let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if got != expected {
            if overwrite {
                std::fs::write(&snapshot, &got).expect("write the snapshot");
                println!("  overwrote {}", snapshot.display());
            } else {
                failures.push(format!(
                    "{rel}: the message differs from {}\n--- expected\n{expected}\n--- got\n{got}",
                    snapshot.display()
                ));
            }
        }
    }
    failures
}

/// The folder of this test binary (cargo's `deps`, where the library it links was built) and
/// the newest `libshaped-*.rlib` in it: the one `cargo test` built last, for this binary.
fn built_library() -> (PathBuf, PathBuf) {
    let exe = std::env::current_exe().expect("the test binary's path");
    let deps = exe.parent().expect("the deps folder").to_path_buf();
    let rlib = std::fs::read_dir(&deps)
        .expect("read the deps folder")
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("libshaped-") && name.ends_with(".rlib")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
        .unwrap_or_else(|| panic!("no libshaped-*.rlib in {}", deps.display()));
    (deps, rlib)
}

/// rustc's message with what changes between machines and edits removed, as trybuild
/// normalises its snapshots: the standard library's path becomes `$RUST/`; locations and
/// source lines in files other than the case lose their line numbers (the library's lines
/// move with every edit), and each diagnostic's gutter is as wide as the case's own line
/// numbers need; the closing summary lines go.
fn normalise(stderr: &str, case: &str) -> String {
    let mut out = String::new();
    let lines: Vec<String> = stderr
        .lines()
        .filter(|l| {
            !l.starts_with("error: aborting due to")
                && !l.starts_with("For more information about this error")
        })
        .map(strip_rustc_hash)
        .collect();
    // One diagnostic per run of non-blank lines.
    for block in lines.split(|l| l.trim().is_empty()) {
        if block.is_empty() {
            continue;
        }
        let parsed: Vec<Line> = {
            let mut in_case = false;
            block
                .iter()
                .map(|l| {
                    let line = Line::parse(l, in_case, case);
                    if let Line::Location { in_case: c, .. } = &line {
                        in_case = *c;
                    }
                    line
                })
                .collect()
        };
        let width = parsed
            .iter()
            .filter_map(|l| match l {
                Line::Numbered(n, _) => Some(n.len()),
                _ => None,
            })
            .max()
            .unwrap_or(1);
        for line in &parsed {
            out.push_str(line.render(width).trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    // One trailing newline, as trybuild writes its snapshots.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A line of a rustc diagnostic, by the shape of its left margin.
enum Line<'a> {
    /// ` --> path` or ` ::: path`, and whether the path is the case's file.
    Location {
        marker: &'a str,
        path: String,
        in_case: bool,
    },
    /// `12 | code` in the case's file.
    Numbered(&'a str, &'a str),
    /// `   | text` (and numbered lines of other files, their number dropped).
    Bar(&'a str),
    /// `   = note: ...`.
    Note(&'a str),
    /// `...  | text`: lines left out of a snippet.
    Elided(&'a str),
    /// Anything else (headlines, a bare `...`), as it is.
    Other(&'a str),
}

impl<'a> Line<'a> {
    fn parse(line: &'a str, in_case: bool, case: &str) -> Self {
        let trimmed = line.trim_start_matches(' ');
        let indented = trimmed.len() < line.len();
        for marker in ["-->", ":::"] {
            if let Some(rest) = trimmed
                .strip_prefix(marker)
                .and_then(|r| r.strip_prefix(' '))
            {
                let in_case = rest.starts_with(case);
                let path = if in_case {
                    rest.to_string()
                } else {
                    strip_line_col(rest)
                };
                return Line::Location {
                    marker,
                    path,
                    in_case,
                };
            }
        }
        if let Some(rest) = line.strip_prefix("...")
            && let Some(bar) = rest.trim_start_matches(' ').strip_prefix('|')
            && rest.starts_with(' ')
        {
            return Line::Elided(bar);
        }
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        if digits > 0
            && let Some(rest) = trimmed[digits..].strip_prefix(" |")
        {
            return if in_case {
                Line::Numbered(&trimmed[..digits], rest)
            } else {
                Line::Bar(rest)
            };
        }
        if indented {
            if let Some(rest) = trimmed.strip_prefix('|') {
                return Line::Bar(rest);
            }
            if let Some(rest) = trimmed.strip_prefix("= ") {
                return Line::Note(rest);
            }
        }
        Line::Other(line)
    }

    fn render(&self, width: usize) -> String {
        let pad = " ".repeat(width);
        match self {
            Line::Location { marker, path, .. } => format!("{pad}{marker} {path}"),
            Line::Numbered(n, rest) => format!("{n:>width$} |{rest}"),
            Line::Bar(rest) => format!("{pad} |{rest}"),
            Line::Note(rest) => format!("{pad} = {rest}"),
            Line::Elided(rest) => format!("...{pad}|{rest}"),
            Line::Other(line) => line.to_string(),
        }
    }
}

/// `/rustc/<commit>/library/` becomes `$RUST/`.
fn strip_rustc_hash(line: &str) -> String {
    match line.find("/rustc/") {
        Some(start) => {
            let rest = &line[start + "/rustc/".len()..];
            match rest.find("/library/") {
                Some(end) => format!(
                    "{}$RUST/{}",
                    &line[..start],
                    &rest[end + "/library/".len()..]
                ),
                None => line.to_string(),
            }
        }
        None => line.to_string(),
    }
}

/// `path:12:5` at the end of a location line becomes `path`.
fn strip_line_col(line: &str) -> String {
    let mut s = line.to_string();
    for _ in 0..2 {
        if let Some(colon) = s.rfind(':') {
            let tail = &s[colon + 1..];
            if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) {
                s.truncate(colon);
            }
        }
    }
    s
}
