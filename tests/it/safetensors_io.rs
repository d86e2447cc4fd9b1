//! The `safetensors` feature: the fixtures written by the Python safetensors package
//! (tests/data/ecosystem/make_fixtures.py) load with their dtypes and shapes checked; files
//! written here load back; truncated and lying files are errors, never panics.

use shaped::io::safetensors::{Dtype, Safetensors, SafetensorsWriter};
use shaped::{Const, DataError, Dyn, Matrix, Tensor, Tensor3, Vector, tensor};

fn fixture(name: &str) -> std::path::PathBuf {
    crate::repo_root().join("tests/data/ecosystem").join(name)
}

#[test]
fn the_python_packages_file_loads_with_every_dtype() {
    let st = Safetensors::read(fixture("weights.safetensors")).unwrap();
    let mut names = st.names();
    names.sort();
    assert_eq!(
        names,
        ["b", "d", "empty", "h", "i32", "i64", "t3", "u8", "w"]
    );
    assert_eq!(st.metadata().unwrap()["format"], "np");

    let w = st.tensor::<f32, (Const<2>, Const<3>)>("w").unwrap();
    assert_eq!(w, tensor![[0.0, 0.5, 1.0], [1.5, 2.0, 2.5]]);
    let b = st.tensor::<f32, (Dyn,)>("b").unwrap();
    assert_eq!(b.as_slice(), &[1.0, -2.0, 0.25]);
    // f16 widens exactly to f32: the largest half, a subnormal, a negative zero.
    let h = st.tensor::<f32, (Dyn, Dyn)>("h").unwrap();
    assert_eq!(h.as_slice(), &[1.5, -0.0, 65504.0, 2f32.powi(-24)]);
    assert!(h[[0, 1]].is_sign_negative());
    let d = st.tensor::<f64, (Const<2>, Const<2>)>("d").unwrap();
    assert_eq!(d.as_slice(), &[1.0 / 3.0, 2.0, -1e300, 5e-324]);
    let i = st.tensor::<i64, (Const<4>,)>("i64").unwrap();
    assert_eq!(i.as_slice(), &[-(1i64 << 62), -1, 0, 1 << 62]);
    let i = st.tensor::<i32, (Dyn, Const<2>)>("i32").unwrap();
    assert_eq!(i.as_slice(), &[1, -2, 3, -4]);
    let u = st.tensor::<u8, (Dyn,)>("u8").unwrap();
    assert_eq!(u.as_slice(), &[0, 127, 255]);
    let t3 = st.tensor::<f32, (Const<2>, Dyn, Const<4>)>("t3").unwrap();
    assert_eq!(
        t3,
        Tensor3::<f32, 2, 3, 4>::from_fn(|[a, b, c]| (12 * a + 4 * b + c) as f32).into_shape()
    );
    let e = st.tensor::<f32, (Dyn, Const<3>)>("empty").unwrap();
    assert_eq!(e.dims(), [0, 3]);
    assert_eq!(st.info("h"), Some((Dtype::F16, &[2, 2][..])));
}

#[test]
fn bf16_widens_to_f32() {
    let st = Safetensors::read(fixture("bf16.safetensors")).unwrap();
    let x = st.tensor::<f32, (Const<2>, Const<2>)>("x").unwrap();
    assert_eq!(x.as_slice(), &[1.0, -2.5, 2f32.powi(127), 2f32.powi(-126)]);
    let e = st.tensor::<f64, (Const<2>, Const<2>)>("x").unwrap_err();
    assert_eq!(
        e.to_string(),
        "safetensors: tensor \"x\" holds BF16 data, which does not load as f64 (it loads as f32)"
    );
}

#[test]
fn dtype_and_shape_mismatches_name_the_tensor_and_both_shapes() {
    let st = Safetensors::read(fixture("weights.safetensors")).unwrap();
    let e = st.tensor::<f32, (Const<3>, Const<2>)>("w").unwrap_err();
    assert!(matches!(e, DataError::Shape(_)));
    assert_eq!(
        e.to_string(),
        "safetensors: tensor \"w\": shape (2, 3) does not fit the type's shape (3, 2) (`_` is any size)"
    );
    let e = st.tensor::<f32, (Dyn,)>("w").unwrap_err();
    assert!(
        e.to_string().contains("does not fit the type's shape (_,)"),
        "{e}"
    );
    // F64 does not narrow to f32; i64 is not i32.
    let e = st.tensor::<f32, (Dyn, Dyn)>("d").unwrap_err();
    assert_eq!(
        e.to_string(),
        "safetensors: tensor \"d\" holds F64 data, which does not load as f32 (it loads as f64)"
    );
    assert!(st.tensor::<i32, (Dyn,)>("i64").is_err());
    let e = st.tensor::<f32, (Dyn,)>("missing").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("safetensors: no tensor named \"missing\" (the file holds "),
        "{e}"
    );
}

#[test]
fn written_files_load_back_and_views_are_written_in_row_major_order() {
    let a =
        Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(63), Dyn(65)), |[i, j]| (i * 65 + j) as f64);
    let v: Vector<i32, 3> = tensor![1, -2, 3];
    let m: Matrix<f32, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let mut w = SafetensorsWriter::new();
    w.add("a", &a)
        .unwrap()
        .add("v", &v)
        .unwrap()
        .add("m_t", &m.t())
        .unwrap();
    w.add(
        "scalar",
        &Tensor::<u64, ()>::from_vec((), vec![u64::MAX]).unwrap(),
    )
    .unwrap();
    w.metadata("format", "pt");
    let bytes = w.to_bytes().unwrap();
    let st = Safetensors::from_bytes(&bytes[..]).unwrap();
    assert_eq!(
        st.tensor::<f64, (Dyn, Const<65>)>("a").unwrap().as_slice(),
        a.as_slice()
    );
    assert_eq!(st.tensor::<i32, (Const<3>,)>("v").unwrap(), v);
    assert_eq!(
        st.tensor::<f32, (Const<3>, Const<2>)>("m_t").unwrap(),
        m.t().to_tensor()
    );
    assert_eq!(
        st.tensor::<u64, ()>("scalar").unwrap().as_slice(),
        &[u64::MAX]
    );
    assert_eq!(st.info("m_t"), Some((Dtype::F32, &[3, 2][..])));
    // Through a file.
    let path =
        std::env::temp_dir().join(format!("shaped_it_st_{}.safetensors", std::process::id()));
    w.write(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    std::fs::remove_file(&path).ok();
}

/// A file with the given header text and `data` bytes.
fn file(header: &str, data: &[u8]) -> Vec<u8> {
    let mut out = (header.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(data);
    out
}

#[test]
fn truncated_and_lying_files_are_errors() {
    let good = std::fs::read(fixture("weights.safetensors")).unwrap();
    // Every truncation of a real file is an error, and so is every extra byte.
    for cut in 0..good.len() {
        let e = Safetensors::from_bytes(&good[..cut]).err().unwrap();
        assert!(e.to_string().starts_with("safetensors: "), "cut {cut}: {e}");
    }
    let mut long = good.clone();
    long.push(0);
    assert!(Safetensors::from_bytes(long).is_err());

    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![1, 2, 3], "shorter than the 8-byte header length"),
        (
            u64::MAX.to_le_bytes().to_vec(),
            "the header is 18446744073709551615 bytes long",
        ),
        (file("{not json", &[]), "not the JSON"),
        (file("\"a string\"", &[]), "not the JSON"),
        // A shape that claims more than the bytes hold.
        (
            file(
                r#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                &[0; 8],
            ),
            "byte range does not match",
        ),
        // A range past the end of the data (a truncated file).
        (
            file(
                r#"{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
                &[0; 8],
            ),
            "truncated",
        ),
        // Ranges that overlap.
        (
            file(
                r#"{"x":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"y":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}"#,
                &[0; 6],
            ),
            "does not start where the previous one ends",
        ),
        // Huge ranges that would overflow an unchecked sum.
        (
            file(
                r#"{"x":{"dtype":"U8","shape":[2305843009213693951],"data_offsets":[0,2305843009213693951]}}"#,
                &[],
            ),
            "truncated",
        ),
        (
            file(
                r#"{"x":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#,
                &[],
            ),
            "",
        ),
        (
            file(
                r#"{"x":{"dtype":"NOPE","shape":[1],"data_offsets":[0,1]}}"#,
                &[0],
            ),
            "not the JSON",
        ),
        (
            file(
                r#"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#,
                &[0; 4],
            ),
            "not the JSON",
        ),
    ];
    for (bytes, want) in cases {
        let e = Safetensors::from_bytes(&bytes[..]).err().unwrap();
        assert!(matches!(e, DataError::Invalid { .. }), "{e}");
        assert!(e.to_string().contains(want), "want {want:?} in: {e}");
    }
    // A dtype no element type here reads.
    let c64 = file(
        r#"{"z":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#,
        &[0; 8],
    );
    let st = Safetensors::from_bytes(c64).unwrap();
    let e = st.tensor::<f32, (Dyn,)>("z").unwrap_err();
    assert!(
        e.to_string().contains("no element type here loads it"),
        "{e}"
    );
}

#[test]
fn names_are_checked_when_writing() {
    let mut w = SafetensorsWriter::new();
    w.add("x", &Vector::<f32, 1>::zeros()).unwrap();
    let e = w.add("x", &Vector::<f32, 1>::zeros()).err().unwrap();
    assert_eq!(
        e.to_string(),
        "safetensors: a tensor named \"x\" was already added"
    );
    assert!(w.add("__metadata__", &Vector::<f32, 1>::zeros()).is_err());
    // An empty set is a valid file.
    let st = Safetensors::from_bytes(SafetensorsWriter::new().to_bytes().unwrap()).unwrap();
    assert!(st.names().is_empty());
    let e = st.tensor::<f32, (Dyn,)>("x").unwrap_err();
    assert!(e.to_string().contains("the file holds no tensor"), "{e}");
}
