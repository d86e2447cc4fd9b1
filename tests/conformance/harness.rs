//! Reading `tests/data/conformance/*.jsonl` (the repository's copy of the numpy/LAPACK
//! reference cases; `.ci/run` keeps it equal to the shared originals) and comparing results by
//! the rules of its README.
//!
//! Dispatch modules (one per area: `core_ops.rs`, `elementwise.rs`, `matmul.rs`, ...) turn a
//! [`Case`] into outputs by calling the typed API on `Dyn`-shaped tensors, generically over
//! the element type so that every case also runs in f32.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use shaped::{Complex, Dyn, Float, Shape, Tensor};

/// The element type of a case tensor (the README's `dtype`; `f64` when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dtype {
    F64,
    /// Integers (CSR parts, indices, argsort / argmax / topk outputs), held exactly in `data`.
    I64,
    /// Booleans (comparison outputs, `where`'s condition), held in `data` as 1.0 / 0.0.
    Bool,
    /// complex128: real parts in `data`, imaginary parts in `Arr::im`.
    C128,
}

/// One tensor of a case: sizes, row-major data and the comparison markers.
#[derive(Clone, Debug)]
pub struct Arr {
    pub shape: Vec<usize>,
    pub data: Vec<f64>,
    pub dtype: Dtype,
    /// Imaginary parts of a `c128` tensor (empty for the other dtypes).
    pub im: Vec<f64>,
    /// `col_sign` / `row_sign`: the result is unique up to the sign of each column / row.
    pub equiv: Option<String>,
    /// `le` / `ge`: the data is a bound, not a value; `orthogonal` / `upper_trapezoidal`:
    /// a property of the result, the data for reference only.
    pub cmp: Option<String>,
    /// The tolerance of `cmp: orthogonal` (`max |F^T F - I|`).
    pub orth_tol: Option<f64>,
    /// The tolerances of `cmp: eig_residual` (`linalg2_eig.rs`).
    pub residual_tol: Option<f64>,
    pub unit_tol: Option<f64>,
}

/// What a case expects.
#[derive(Clone, Debug)]
pub enum Expected {
    Outputs(BTreeMap<String, Arr>),
    Error { code: String, or_nan: bool },
}

/// A tolerance pair.
#[derive(Clone, Copy, Debug)]
pub struct Tol {
    pub rtol: f64,
    pub atol: f64,
}

/// One conformance case.
#[derive(Clone, Debug)]
pub struct Case {
    pub file: String,
    pub id: String,
    pub op: String,
    pub args: Value,
    pub inputs: Vec<Arr>,
    pub expected: Expected,
    pub tol: Tol,
    pub per_output: BTreeMap<String, Tol>,
}

/// What a dispatched operation produced: named outputs, or an error (the code is informative
/// only: the README lets a test check just that an error occurred).
pub enum Outcome {
    Outputs(Vec<(String, Arr)>),
    Error(String),
}

/// The element types a case runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    F64,
    F32,
}

fn parse_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) if n.is_i64() => {
            let i = n.as_i64().expect("integer");
            assert!(
                i.unsigned_abs() <= 1 << 53,
                "integer {i} is not exact in f64"
            );
            i as f64
        }
        Value::Number(n) => n.as_f64().expect("number"),
        Value::String(s) => match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("unexpected string value {other:?}"),
        },
        other => panic!("unexpected value {other:?}"),
    }
}

fn parse_arr(v: &Value) -> Arr {
    let shape: Vec<usize> = v["shape"]
        .as_array()
        .expect("shape")
        .iter()
        .map(|d| d.as_u64().expect("dim") as usize)
        .collect();
    let dtype = match v.get("dtype").and_then(|d| d.as_str()) {
        None | Some("f64") => Dtype::F64,
        Some("i64") => Dtype::I64,
        Some("bool") => Dtype::Bool,
        Some("c128") => Dtype::C128,
        Some(other) => panic!("unknown dtype {other:?}"),
    };
    let items = v["data"].as_array().expect("data");
    let (data, im): (Vec<f64>, Vec<f64>) = match dtype {
        Dtype::F64 | Dtype::I64 => (items.iter().map(parse_number).collect(), Vec::new()),
        Dtype::Bool => (
            items
                .iter()
                .map(|b| match b.as_bool().expect("bool") {
                    true => 1.0,
                    false => 0.0,
                })
                .collect(),
            Vec::new(),
        ),
        Dtype::C128 => items
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([re, im]) => (parse_number(re), parse_number(im)),
                _ => panic!("a c128 element is a [re, im] pair, got {pair:?}"),
            })
            .unzip(),
    };
    assert_eq!(
        data.len(),
        shape.iter().product::<usize>(),
        "data length does not match shape {shape:?}"
    );
    Arr {
        shape,
        data,
        dtype,
        im,
        equiv: v.get("equiv").and_then(|e| e.as_str()).map(String::from),
        cmp: v.get("cmp").and_then(|e| e.as_str()).map(String::from),
        orth_tol: v.get("orth_tol").and_then(|t| t.as_f64()),
        residual_tol: v.get("residual_tol").and_then(|t| t.as_f64()),
        unit_tol: v.get("unit_tol").and_then(|t| t.as_f64()),
    }
}

fn parse_tol(v: &Value) -> Tol {
    Tol {
        rtol: parse_number(&v["rtol"]),
        atol: parse_number(&v["atol"]),
    }
}

/// The vendored conformance folder. Missing data is a failure, never a skip.
pub fn conformance_dir() -> PathBuf {
    let dir = crate::repo_root().join("tests/data/conformance");
    assert!(
        dir.join("README.md").exists(),
        "conformance data not found at {}: the repository should hold it",
        dir.display()
    );
    dir
}

/// Every case of every `.jsonl` file, in file order.
pub fn load_all() -> Vec<Case> {
    let dir = conformance_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read conformance dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .jsonl files in {}", dir.display());
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("read jsonl");
        for (k, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: bad JSON: {e}", path.display(), k + 1));
            cases.push(parse_case(&file, &v));
        }
    }
    cases
}

fn parse_case(file: &str, v: &Value) -> Case {
    let expected = &v["expected"];
    let expected = if let Some(code) = expected.get("error") {
        Expected::Error {
            code: code.as_str().expect("error code").to_string(),
            or_nan: expected
                .get("or_nan")
                .and_then(|b| b.as_bool())
                .unwrap_or(false),
        }
    } else {
        Expected::Outputs(
            expected
                .as_object()
                .expect("expected outputs")
                .iter()
                .map(|(k, a)| (k.clone(), parse_arr(a)))
                .collect(),
        )
    };
    let tol = &v["tol"];
    let per_output = tol
        .get("per_output")
        .and_then(|p| p.as_object())
        .map(|m| m.iter().map(|(k, t)| (k.clone(), parse_tol(t))).collect())
        .unwrap_or_default();
    Case {
        file: file.to_string(),
        id: v["id"].as_str().expect("id").to_string(),
        op: v["op"].as_str().expect("op").to_string(),
        args: v["args"].clone(),
        inputs: v["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .map(parse_arr)
            .collect(),
        expected,
        tol: parse_tol(tol),
        per_output,
    }
}

/// The variant of an op that the dispatchers do not handle yet, if the case is one: such a
/// case is counted and listed as not dispatched instead of being run through the handler
/// of the same op name (where it would fail for the wrong reason).
///
/// The variants are those `linalg2.jsonl` gives that the typed API does not take: complex
/// (`c128`) data other than those of [`COMPLEX_OPS`], a `solve` with more than two batch dims,
/// `kron` of an operand of rank above 4, and `vector_norm` over a list of other than two axes. (Stacks, the full SVD, the complete QR and `cond` with
/// any `p` are dispatched by `linalg2.rs`.)
pub fn unsupported_variant(case: &Case) -> Option<&'static str> {
    let expected_complex = match &case.expected {
        Expected::Outputs(outs) => outs.values().any(|a| a.dtype == Dtype::C128),
        Expected::Error { .. } => false,
    };
    let complex = expected_complex || case.inputs.iter().any(|a| a.dtype == Dtype::C128);
    if complex && !COMPLEX_OPS.contains(&case.op.as_str()) {
        return Some("complex");
    }
    let ranks: Vec<usize> = case.inputs.iter().map(|a| a.shape.len()).collect();
    match case.op.as_str() {
        "solve" if ranks.iter().any(|&r| r > 4) => Some("more than two batch dims"),
        "kron" if ranks.iter().any(|&r| r > 4) => Some("operands of rank above 4"),
        "vector_norm"
            if case.args["axis"]
                .as_array()
                .is_some_and(|axes| axes.len() != 2) =>
        {
            Some("other than two axes")
        }
        _ => None,
    }
}

/// The ops whose complex (`c128`) cases are dispatched (by `linalg2.rs`).
pub const COMPLEX_OPS: &[&str] = &["matmul", "conj_transpose", "vdot", "eig", "eigvals"];

/// Machine epsilon ratio between f32 and f64 (2^29).
pub const EPS_RATIO: f64 = (f32::EPSILON as f64) / f64::EPSILON;

impl Case {
    /// Whether every input value survives a round trip through f32 (no overflow, no
    /// underflow to subnormal or zero): cases that need f64 range are skipped in f32.
    pub fn fits_f32(&self) -> bool {
        self.inputs.iter().all(|a| {
            a.data.iter().all(|&x| {
                !x.is_finite() || x == 0.0 || {
                    let ax = x.abs();
                    ax <= f32::MAX as f64 && ax >= f32::MIN_POSITIVE as f64
                }
            })
        })
    }

    /// The tolerance of output `name` in the given precision.
    ///
    /// In f32 the README's tolerance is scaled by the ratio of the epsilons, with a floor of a
    /// few f32 ulps of the data's scale: inputs are rounded to f32 before the operation, so
    /// even an exact f64 case (tol 0) is only exact up to that rounding.
    pub fn tol_for(&self, name: &str, p: Precision) -> Tol {
        let t = self.per_output.get(name).copied().unwrap_or(self.tol);
        match p {
            Precision::F64 => t,
            Precision::F32 => {
                let scale = self
                    .inputs
                    .iter()
                    .flat_map(|a| a.data.iter())
                    .filter(|x| x.is_finite())
                    .fold(0.0f64, |m, x| m.max(x.abs()));
                let eps = f32::EPSILON as f64;
                Tol {
                    rtol: (t.rtol * EPS_RATIO).max(4.0 * eps),
                    atol: (t.atol * EPS_RATIO).max(4.0 * eps * scale),
                }
            }
        }
    }

    /// An argument as an optional integer (`null` gives `None`).
    pub fn arg_int(&self, key: &str) -> Option<i64> {
        self.args.get(key).and_then(|v| v.as_i64())
    }

    /// An argument as a bool (missing or `null` gives `false`).
    pub fn arg_bool(&self, key: &str) -> bool {
        self.args
            .get(key)
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    /// An argument as a float.
    pub fn arg_f64(&self, key: &str) -> Option<f64> {
        self.args
            .get(key)
            .filter(|v| !v.is_null())
            .map(parse_number)
    }
}

/// Compares one actual tensor with the expected one; `Err` says what differs.
pub fn compare(expected: &Arr, actual: &Arr, tol: Tol) -> Result<(), String> {
    if expected.shape != actual.shape {
        return Err(format!(
            "shape {:?}, expected {:?}",
            actual.shape, expected.shape
        ));
    }
    let complex = expected.dtype == Dtype::C128;
    if complex != (actual.dtype == Dtype::C128) {
        return Err(format!(
            "dtype {:?}, expected {:?}",
            actual.dtype, expected.dtype
        ));
    }
    if complex {
        return compare_complex(expected, actual, tol);
    }
    let mut data = actual.data.clone();
    match expected.equiv.as_deref() {
        Some("col_sign") | Some("row_sign") if expected.shape.len() >= 2 => {
            // Per trailing matrix: a stack's members flip their signs independently.
            let rank = expected.shape.len();
            let (r, c) = (expected.shape[rank - 2], expected.shape[rank - 1]);
            let by_col = expected.equiv.as_deref() == Some("col_sign");
            let (outer, inner) = if by_col { (c, r) } else { (r, c) };
            for base in (0..data.len()).step_by((r * c).max(1)) {
                for o in 0..outer {
                    let at = |i: usize| base + if by_col { i * c + o } else { o * c + i };
                    let s: f64 = (0..inner).map(|i| data[at(i)] * expected.data[at(i)]).sum();
                    if s < 0.0 {
                        for i in 0..inner {
                            data[at(i)] = -data[at(i)];
                        }
                    }
                }
            }
        }
        Some(other) if other == "col_sign" || other == "row_sign" => {
            return Err(format!(
                "{other} on a tensor of rank {}",
                expected.shape.len()
            ));
        }
        Some(other) => return Err(format!("unknown equiv {other:?}")),
        None => {}
    }
    for (k, (&e, &a)) in expected.data.iter().zip(&data).enumerate() {
        let ok = match expected.cmp.as_deref() {
            Some("le") => a <= e,
            Some("ge") => a >= e,
            Some(other) => return Err(format!("unknown cmp {other:?}")),
            None => {
                if e.is_nan() {
                    a.is_nan()
                } else if e.is_infinite() {
                    a == e
                } else {
                    a.is_finite() && (a - e).abs() <= tol.atol + tol.rtol * e.abs()
                }
            }
        };
        if !ok {
            return Err(format!(
                "element {k}: got {a:e}, expected {e:e} (cmp {:?}, rtol {:e}, atol {:e})",
                expected.cmp, tol.rtol, tol.atol
            ));
        }
    }
    Ok(())
}

/// Compares complex tensors elementwise by the modulus of the difference (the README's rule for
/// `c128`); the non-unique forms (`eig_values_multiset`, `eig_residual`, ...) are not handled
/// here, since no dispatched op produces them yet.
fn compare_complex(expected: &Arr, actual: &Arr, tol: Tol) -> Result<(), String> {
    if expected.equiv.as_deref() == Some("eig_values_multiset") {
        return crate::linalg2_eig::values_multiset(expected, actual, tol);
    }
    if let Some(rule) = expected.equiv.as_deref().or(expected.cmp.as_deref()) {
        return Err(format!(
            "complex comparison rule {rule:?} is not implemented"
        ));
    }
    let pairs = |a: &Arr| -> Vec<(f64, f64)> {
        a.data
            .iter()
            .zip(a.im.iter().chain(std::iter::repeat(&0.0)))
            .map(|(&re, &im)| (re, im))
            .collect()
    };
    for (k, ((er, ei), (ar, ai))) in pairs(expected).into_iter().zip(pairs(actual)).enumerate() {
        let ok = if er.is_nan() || ei.is_nan() {
            ar.is_nan() || ai.is_nan()
        } else {
            let diff = (ar - er).hypot(ai - ei);
            diff <= tol.atol + tol.rtol * er.hypot(ei)
        };
        if !ok {
            return Err(format!(
                "element {k}: got {ar:e}{ai:+e}i, expected {er:e}{ei:+e}i (rtol {:e}, atol {:e})",
                tol.rtol, tol.atol
            ));
        }
    }
    Ok(())
}

/// Checks an outcome against the case; `Err` says what failed.
pub fn check(case: &Case, outcome: Outcome, p: Precision) -> Result<(), String> {
    match (&case.expected, outcome) {
        (Expected::Error { .. }, Outcome::Error(_)) => Ok(()),
        (Expected::Error { code, or_nan }, Outcome::Outputs(outs)) => {
            if *or_nan && outs.iter().any(|(_, a)| a.data.iter().any(|x| x.is_nan())) {
                Ok(())
            } else {
                Err(format!("expected error {code:?}, got a result"))
            }
        }
        (Expected::Outputs(_), Outcome::Error(e)) => Err(format!("unexpected error: {e}")),
        (Expected::Outputs(exp), Outcome::Outputs(outs)) => {
            let outs: BTreeMap<String, Arr> = outs.into_iter().collect();
            for (name, e) in exp {
                let a = outs
                    .get(name)
                    .ok_or_else(|| format!("output {name:?} not produced"))?;
                if let Some(rule) = crate::linalg2_eig::residual_rule(case, e, a, &outs, p) {
                    rule.map_err(|m| format!("output {name:?}: {m}"))?;
                    continue;
                }
                if let Some(rule) = structural_rule(e, a, p) {
                    rule.map_err(|m| format!("output {name:?}: {m}"))?;
                    continue;
                }
                compare(e, a, case.tol_for(name, p))
                    .map_err(|m| format!("output {name:?}: {m}"))?;
            }
            Ok(())
        }
    }
}

/// The README's `cmp: orthogonal` (`max |F^T F - I| <= orth_tol`, scaled by the epsilon ratio
/// in f32) and `cmp: upper_trapezoidal` (exact zeros below the diagonal) for real square /
/// rectangular factors; `None` for other expected tensors.
fn structural_rule(expected: &Arr, actual: &Arr, p: Precision) -> Option<Result<(), String>> {
    let rule = expected.cmp.as_deref()?;
    if rule != "orthogonal" && rule != "upper_trapezoidal" {
        return None;
    }
    if expected.shape != actual.shape || actual.shape.len() != 2 {
        return Some(Err(format!(
            "shape {:?}, expected {:?}",
            actual.shape, expected.shape
        )));
    }
    let (r, c) = (actual.shape[0], actual.shape[1]);
    let f = &actual.data;
    Some(if rule == "orthogonal" {
        let scale = if p == Precision::F32 { EPS_RATIO } else { 1.0 };
        let tol = expected.orth_tol.expect("orth_tol of cmp orthogonal") * scale;
        let mut worst = 0.0f64;
        for i in 0..c {
            for j in 0..c {
                let g: f64 = (0..r).map(|k| f[k * c + i] * f[k * c + j]).sum();
                let d = if i == j { g - 1.0 } else { g };
                worst = worst.max(d.abs());
            }
        }
        if worst <= tol {
            Ok(())
        } else {
            Err(format!("max |F^T F - I| = {worst:e} above {tol:e}"))
        }
    } else {
        match (0..r)
            .flat_map(|i| (0..c.min(i)).map(move |j| (i, j)))
            .find(|&(i, j)| f[i * c + j] != 0.0)
        {
            None => Ok(()),
            Some((i, j)) => Err(format!(
                "R[{i}, {j}] = {:e} below the diagonal",
                f[i * c + j]
            )),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Between case data and typed tensors.

/// A `Dyn`-shaped tensor of rank R from a case input (`R` must equal its rank).
pub fn tensor<T: Float, S: Shape>(a: &Arr) -> Tensor<T, S> {
    let shape = S::try_from_dims(&a.shape)
        .unwrap_or_else(|| panic!("input of shape {:?} is not of rank {}", a.shape, S::RANK));
    Tensor::from_vec(shape, a.data.iter().map(|&x| T::of(x)).collect()).expect("sizes")
}

impl Arr {
    /// A real (`f64`) tensor with no comparison markers.
    pub fn real(shape: Vec<usize>, data: Vec<f64>) -> Arr {
        Arr {
            shape,
            data,
            dtype: Dtype::F64,
            im: Vec::new(),
            equiv: None,
            cmp: None,
            orth_tol: None,
            residual_tol: None,
            unit_tol: None,
        }
    }
}

/// An output from anything that iterates in row-major order.
pub fn arr<'a, T: Float + 'a>(dims: &[usize], values: impl IntoIterator<Item = &'a T>) -> Arr {
    Arr::real(
        dims.to_vec(),
        values.into_iter().map(|x| x.as_f64()).collect(),
    )
}

/// An output from an owned tensor.
pub fn out<T: Float, S: Shape>(name: &str, t: &Tensor<T, S>) -> (String, Arr) {
    (name.to_string(), arr(t.dims().as_ref(), t.iter()))
}

/// A scalar output.
pub fn out_scalar<T: Float>(name: &str, x: T) -> (String, Arr) {
    (name.to_string(), Arr::real(vec![], vec![x.as_f64()]))
}

/// Shape types of each rank with every dim `Dyn`.
pub type D0 = ();
pub type D1 = (Dyn,);
pub type D2 = (Dyn, Dyn);
pub type D3 = (Dyn, Dyn, Dyn);
pub type D4 = (Dyn, Dyn, Dyn, Dyn);
pub type D5 = (Dyn, Dyn, Dyn, Dyn, Dyn);
pub type D6 = (Dyn, Dyn, Dyn, Dyn, Dyn, Dyn);

/// Runs `$body` with `$t` bound to input `$arr` as a `Dyn` tensor of its rank (0..=6).
#[macro_export]
macro_rules! with_rank {
    ($T:ty, $arr:expr, |$t:ident| $body:expr) => {{
        let a = $arr;
        match a.shape.len() {
            0 => {
                let $t = harness::tensor::<$T, harness::D0>(a);
                $body
            }
            1 => {
                let $t = harness::tensor::<$T, harness::D1>(a);
                $body
            }
            2 => {
                let $t = harness::tensor::<$T, harness::D2>(a);
                $body
            }
            3 => {
                let $t = harness::tensor::<$T, harness::D3>(a);
                $body
            }
            4 => {
                let $t = harness::tensor::<$T, harness::D4>(a);
                $body
            }
            5 => {
                let $t = harness::tensor::<$T, harness::D5>(a);
                $body
            }
            6 => {
                let $t = harness::tensor::<$T, harness::D6>(a);
                $body
            }
            r => panic!("rank {r} is above 6"),
        }
    }};
}

// ---------------------------------------------------------------------------------------------
// Complex (`c128`) data.

/// A `Dyn`-shaped complex tensor of rank R from a `c128` case input, in the precision of `T`.
pub fn ctensor<T: Float, S: Shape>(a: &Arr) -> Tensor<Complex<T>, S> {
    assert_eq!(a.dtype, Dtype::C128, "input {:?} is not complex", a.shape);
    let shape = S::try_from_dims(&a.shape)
        .unwrap_or_else(|| panic!("input of shape {:?} is not of rank {}", a.shape, S::RANK));
    let data = a
        .data
        .iter()
        .zip(&a.im)
        .map(|(&re, &im)| Complex::new(T::of(re), T::of(im)))
        .collect();
    Tensor::from_vec(shape, data).expect("sizes")
}

/// A `c128` output from complex values in row-major order.
pub fn carr<'a, T: Float + 'a>(
    dims: &[usize],
    values: impl IntoIterator<Item = &'a Complex<T>>,
) -> Arr {
    let (data, im) = values
        .into_iter()
        .map(|z| (z.re.as_f64(), z.im.as_f64()))
        .unzip();
    Arr {
        dtype: Dtype::C128,
        im,
        ..Arr::real(dims.to_vec(), data)
    }
}

/// A `c128` output from an owned complex tensor.
pub fn cout<T: Float, S: Shape>(name: &str, t: &Tensor<Complex<T>, S>) -> (String, Arr) {
    (name.to_string(), carr(t.dims().as_ref(), t.iter()))
}

/// A `c128` scalar output.
pub fn cout_scalar<T: Float>(name: &str, z: Complex<T>) -> (String, Arr) {
    (name.to_string(), carr(&[], [&z]))
}
