//! `Display` of tensors and views against numpy's `str(array)`.
//!
//! `fixtures/numpy_display.json` holds, per case, the shape, dtype and elements of an array
//! and what numpy 2.x's `np.array2string(a, separator=' ')` (the same as `str(a)` for rank >= 1)
//! printed for it; the test rebuilds each array as a tensor and compares the text exactly.
//! The cases named `fuzzN` are random arrays (seeded `np.random.default_rng(1)`: normal values
//! scaled by powers of 10 from 1e-6 to 1e9, f32 and f64, rounded values, integers, and arrays
//! with NaN, infinities and zeros), ranks 0 to 3.
//! The tests below it spell out a few cases inline so that the layout can be read here.

use serde_json::Value;
use shaped::{Const, DMatrix, Dyn, Matrix, Tensor, Tensor3, Vector, tensor};

/// The text of `data` (row-major) printed as a tensor of the given sizes (rank 0..=4).
fn render<T: shaped::tensor::DisplayElement>(
    dims: &[usize],
    data: Vec<T>,
    precision: Option<usize>,
) -> String {
    macro_rules! go {
        ($shape:expr) => {{
            let t = Tensor::from_vec($shape, data).unwrap();
            match precision {
                Some(p) => format!("{t:.p$}"),
                None => t.to_string(),
            }
        }};
    }
    match *dims {
        [] => go!(()),
        [a] => go!((Dyn(a),)),
        [a, b] => go!((Dyn(a), Dyn(b))),
        [a, b, c] => go!((Dyn(a), Dyn(b), Dyn(c))),
        [a, b, c, d] => go!((Dyn(a), Dyn(b), Dyn(c), Dyn(d))),
        _ => panic!("rank {} not in the test", dims.len()),
    }
}

fn parse<T: std::str::FromStr>(v: &Value) -> T
where
    T::Err: std::fmt::Debug,
{
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn matches_numpy_fixtures() {
    let text = include_str!("../fixtures/numpy_display.json");
    let cases: Vec<Value> = serde_json::from_str(text).unwrap();
    assert!(cases.len() >= 300);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let dims: Vec<usize> = case["shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap() as usize)
            .collect();
        let data = case["data"].as_array().unwrap();
        let precision = case["precision"].as_u64().map(|p| p as usize);
        let got = match case["dtype"].as_str().unwrap() {
            "float64" => render(&dims, data.iter().map(parse::<f64>).collect(), precision),
            // The fixture holds the f32 values widened to f64 (exactly).
            "float32" => render(
                &dims,
                data.iter().map(|v| parse::<f64>(v) as f32).collect(),
                precision,
            ),
            "int32" => render(&dims, data.iter().map(parse::<i32>).collect(), precision),
            "int64" => render(&dims, data.iter().map(parse::<i64>).collect(), precision),
            "uint8" => render(&dims, data.iter().map(parse::<u8>).collect(), precision),
            other => panic!("dtype {other} not in the test"),
        };
        let want = case["expected"].as_str().unwrap();
        if got != want {
            failures.push(format!("{name}:\n--- numpy\n{want}\n--- shaped\n{got}\n"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rank_0() {
    let x = Tensor::<f64, ()>::full(2.5);
    assert_eq!(x.to_string(), "2.5");
    assert_eq!(Tensor::<i32, ()>::full(-7).to_string(), "-7");
}

#[test]
fn rank_1_aligns_fractions() {
    let v: Vector<f64, 3> = tensor![1., 2.5, -3.25];
    assert_eq!(v.to_string(), "[ 1.    2.5  -3.25]");
}

#[test]
fn rank_2_rows_on_lines() {
    let m: Matrix<i32, 2, 3> = tensor![[1, -20, 3], [400, 5, -6]];
    assert_eq!(m.to_string(), "[[  1 -20   3]\n [400   5  -6]]");
}

#[test]
fn rank_3_blank_line_between_blocks() {
    let t = Tensor3::<i64, 2, 3, 2>::from_fn(|[i, j, k]| (6 * i + 2 * j + k) as i64);
    assert_eq!(
        t.to_string(),
        "[[[ 0  1]\n  [ 2  3]\n  [ 4  5]]\n\n [[ 6  7]\n  [ 8  9]\n  [10 11]]]"
    );
}

#[test]
fn large_tensors_are_elided() {
    let m = DMatrix::<i64>::from_fn_with((Dyn(50), Dyn(50)), |[i, j]| (50 * i + j) as i64);
    let s = m.to_string();
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0], "[[   0    1    2 ...   47   48   49]");
    assert_eq!(lines[3], " ...");
    assert_eq!(lines[6], " [2450 2451 2452 ... 2497 2498 2499]]");
    // 1000 elements are printed in full, 1001 are not.
    let full = Tensor::<i32, (Dyn,)>::zeros_with((Dyn(1000),)).to_string();
    assert!(!full.contains("..."));
    assert_eq!(full.matches('0').count(), 1000);
    let cut = Tensor::<i32, (Dyn,)>::zeros_with((Dyn(1001),)).to_string();
    assert_eq!(cut, "[0 0 0 ... 0 0 0]");
}

#[test]
fn nan_and_infinities_share_the_width() {
    let v: Vector<f64, 4> = tensor![f64::NAN, 1.5, f64::NEG_INFINITY, f64::INFINITY];
    assert_eq!(v.to_string(), "[ nan  1.5 -inf  inf]");
    let w: Vector<f32, 2> = tensor![f32::NAN, f32::NAN];
    assert_eq!(w.to_string(), "[nan nan]");
}

#[test]
fn scientific_when_magnitudes_span_a_lot() {
    let v: Vector<f64, 3> = tensor![1e-5, 1., 1000.];
    assert_eq!(v.to_string(), "[1.e-05 1.e+00 1.e+03]");
    let w: Vector<f64, 2> = tensor![1.5, 1e9];
    assert_eq!(w.to_string(), "[1.5e+00 1.0e+09]");
}

#[test]
fn f32_prints_its_own_shortest_digits() {
    let v: Vector<f32, 2> = tensor![0.1, 0.2];
    assert_eq!(v.to_string(), "[0.1 0.2]");
}

#[test]
fn precision_from_the_formatter() {
    let v: Vector<f64, 2> = tensor![1.0 / 3.0, 2.0];
    assert_eq!(format!("{v:.2}"), "[0.33 2.  ]");
    assert_eq!(v.to_string(), "[0.33333333 2.        ]");
}

#[test]
fn empty_tensors() {
    let e = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(0), Const));
    assert_eq!(e.to_string(), "[]");
}

#[test]
fn views_print_in_their_own_order() {
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    assert_eq!(a.t().to_string(), "[[1. 4.]\n [2. 5.]\n [3. 6.]]");
    assert_eq!(a.col(2).to_string(), "[3. 6.]");
    assert_eq!(a.view().to_string(), a.to_string());
    let mut b = a.clone();
    assert_eq!(b.view_mut().select_mut::<0>(1).to_string(), "[4. 5. 6.]");
    // A strided view of a large tensor elides like the tensor it copies to.
    let big = DMatrix::<f64>::from_fn_with((Dyn(40), Dyn(40)), |[i, j]| (i * 40 + j) as f64);
    assert_eq!(big.t().to_string(), big.t().to_tensor().to_string());
}

#[test]
fn long_rows_wrap_at_75_columns() {
    let v = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(30),), |[i]| i as f64 * 1.5);
    let s = v.to_string();
    assert!(s.lines().all(|l| l.len() <= 75), "{s}");
    assert_eq!(s.lines().count(), 3);
    assert!(s.starts_with("[ 0.   1.5  3. "));
    assert!(s.ends_with("42.  43.5]"));
}

#[test]
fn debug_shows_sizes_and_an_elided_summary() {
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    assert_eq!(
        format!("{a:?}"),
        "Tensor(2, 3) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"
    );
    // Views print in their logical order, whatever their strides.
    assert_eq!(
        format!("{:?}", a.t()),
        "TensorView(3, 2) [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]"
    );
    let mut b = a.clone();
    assert_eq!(
        format!("{:?}", b.view_mut().select_mut::<1>(2)),
        "TensorViewMut(2,) [3.0, 6.0]"
    );
    let s: Tensor<i32, ()> = Tensor::from(7);
    assert_eq!(format!("{s:?}"), "Tensor() 7");
    let e = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    assert_eq!(format!("{e:?}"), "Tensor(0, 3) []");
    // 1000 elements print in full, 1001 are elided to 3 at each end of each axis.
    let full = Tensor::<u16, (Dyn,)>::from_fn_with((Dyn(1000),), |[i]| i as u16);
    assert_eq!(format!("{full:?}").matches(", ").count(), 999);
    let big = Tensor::<u16, (Dyn,)>::from_fn_with((Dyn(1001),), |[i]| i as u16);
    assert_eq!(
        format!("{big:?}"),
        "Tensor(1001,) [0, 1, 2, ..., 998, 999, 1000]"
    );
    // Two 100 x 100 tensors in a failed assert_eq! fit on a screen.
    let m = DMatrix::<f64>::from_fn_with((Dyn(100), Dyn(100)), |[i, j]| (i * 100 + j) as f64);
    assert!(format!("{m:?}").len() < 400);
}
