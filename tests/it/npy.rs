//! `.npy` read and write: against files written by numpy 2.4 (`fixtures/npy/`, made with
//! `np.save` and `np.lib.format.write_array`), and against malformed files, which must give a
//! `DataError` that says what was wrong and never a panic.

use proptest::prelude::*;
use shaped::{Const, DataError, Dyn, Matrix, Tensor, Tensor3, TensorView, Vector, tensor};

const F64_2X3: &[u8] = include_bytes!("../fixtures/npy/f64_2x3.npy");
const F32_4: &[u8] = include_bytes!("../fixtures/npy/f32_4.npy");
const F64_FORTRAN: &[u8] = include_bytes!("../fixtures/npy/f64_fortran_2x3.npy");
const F64_3D_FORTRAN: &[u8] = include_bytes!("../fixtures/npy/f64_3d_fortran.npy");
const F64_BIG_ENDIAN: &[u8] = include_bytes!("../fixtures/npy/f64_big_endian.npy");
const I64_2X3: &[u8] = include_bytes!("../fixtures/npy/i64_2x3.npy");
const F64_SCALAR: &[u8] = include_bytes!("../fixtures/npy/f64_scalar.npy");
const F64_EMPTY: &[u8] = include_bytes!("../fixtures/npy/f64_empty_0x3.npy");
const F64_6D: &[u8] = include_bytes!("../fixtures/npy/f64_6d.npy");
const F64_V2: &[u8] = include_bytes!("../fixtures/npy/f64_v2.npy");
const F64_V3: &[u8] = include_bytes!("../fixtures/npy/f64_v3.npy");

/// What numpy wrote in f64_2x3.npy: `np.arange(6).reshape(2, 3) / 4 - 0.5`.
fn a23() -> Matrix<f64, 2, 3> {
    tensor![[-0.5, -0.25, 0.0], [0.25, 0.5, 0.75]]
}

/// A file with the given version, header text (padded here) and data bytes.
fn npy(major: u8, header: &str, data: &[u8]) -> Vec<u8> {
    let mut out = b"\x93NUMPY".to_vec();
    out.push(major);
    out.push(0);
    let text = format!("{header}\n");
    if major == 1 {
        out.extend_from_slice(&(text.len() as u16).to_le_bytes());
    } else {
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    }
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(data);
    out
}

fn f64_bytes(xs: &[f64]) -> Vec<u8> {
    xs.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The message of an `Invalid` error (fails the test for any other outcome).
fn invalid_msg<T: std::fmt::Debug>(r: Result<T, DataError>) -> String {
    match r {
        Err(e @ DataError::Invalid { .. }) => e.to_string(),
        other => panic!("expected DataError::Invalid, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Files numpy wrote

#[test]
fn reads_numpy_files_into_static_and_dynamic_shapes() {
    assert_eq!(Matrix::<f64, 2, 3>::from_npy_bytes(F64_2X3).unwrap(), a23());
    let d = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(F64_2X3).unwrap();
    assert_eq!(d.dims(), [2, 3]);
    assert_eq!(d.as_slice(), a23().as_slice());
    let m = Tensor::<f64, (Dyn, Const<3>)>::from_npy_bytes(F64_2X3).unwrap();
    assert_eq!(m.as_slice(), a23().as_slice());
    let v = Vector::<f32, 4>::from_npy_bytes(F32_4).unwrap();
    assert_eq!(v.as_slice(), &[1.5, -2.0, 3.25, 1e-3]);
    let s = Tensor::<f64, ()>::from_npy_bytes(F64_SCALAR).unwrap();
    assert_eq!(s.as_slice(), &[2.5]);
    let e = Tensor::<f64, (Dyn, Const<3>)>::from_npy_bytes(F64_EMPTY).unwrap();
    assert_eq!(e.dims(), [0, 3]);
    let six = Tensor::<f64, (Dyn, Dyn, Dyn, Dyn, Dyn, Dyn)>::from_npy_bytes(F64_6D).unwrap();
    assert_eq!(six.dims(), [2; 6]);
    assert!(six.iter().enumerate().all(|(i, &x)| x == i as f64));
}

#[test]
fn reads_versions_2_and_3() {
    assert_eq!(Matrix::<f64, 2, 3>::from_npy_bytes(F64_V2).unwrap(), a23());
    assert_eq!(Matrix::<f64, 2, 3>::from_npy_bytes(F64_V3).unwrap(), a23());
}

#[test]
fn fortran_order_files_come_back_row_major() {
    assert_eq!(
        Matrix::<f64, 2, 3>::from_npy_bytes(F64_FORTRAN).unwrap(),
        a23()
    );
    let t = Tensor3::<f64, 2, 3, 4>::from_npy_bytes(F64_3D_FORTRAN).unwrap();
    assert_eq!(t, Tensor3::from_fn(|[i, j, k]| (12 * i + 4 * j + k) as f64));
    // A hand-made Fortran file: column-major data of [[1, 2, 3], [4, 5, 6]].
    let f = npy(
        1,
        "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
        &f64_bytes(&[1., 4., 2., 5., 3., 6.]),
    );
    let m = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(&f).unwrap();
    assert_eq!(m.as_slice(), &[1., 2., 3., 4., 5., 6.]);
}

#[test]
fn writes_the_bytes_numpy_writes() {
    assert_eq!(a23().to_npy_bytes(), F64_2X3);
    let v: Vector<f32, 4> = tensor![1.5, -2.0, 3.25, 1e-3];
    assert_eq!(v.to_npy_bytes(), F32_4);
    assert_eq!(Tensor::<f64, ()>::full(2.5).to_npy_bytes(), F64_SCALAR);
    let e = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(0), Const));
    assert_eq!(e.to_npy_bytes(), F64_EMPTY);
    let d = Dyn(2);
    let six =
        Tensor::<f64, (Dyn, Dyn, Dyn, Dyn, Dyn, Dyn)>::from_fn_with((d, d, d, d, d, d), |idx| {
            idx.iter().fold(0, |acc, &i| 2 * acc + i) as f64
        });
    assert_eq!(six.to_npy_bytes(), F64_6D);
}

#[test]
fn views_write_their_logical_order() {
    let a = a23();
    let at = Matrix::<f64, 3, 2>::from_npy_bytes(&a.t().to_npy_bytes()).unwrap();
    assert_eq!(at, a.t().to_tensor());
    // A transposed view writes what numpy writes for the transposed copy, in C order.
    assert_eq!(a.t().to_npy_bytes(), a.t().to_tensor().to_npy_bytes());
    let col = a.col(1);
    assert_eq!(
        Vector::<f64, 2>::from_npy_bytes(&col.to_npy_bytes())
            .unwrap()
            .as_slice(),
        &[-0.25, 0.5]
    );
    let mut out = Vec::new();
    a.view().write_npy_to(&mut out).unwrap();
    assert_eq!(out, F64_2X3);
    let data = [1.0f32, 2.0, 3.0, 4.0];
    let strided = TensorView::from_slice_strided(&data, (Dyn(2),), [2]).unwrap();
    assert_eq!(
        Tensor::<f32, (Dyn,)>::from_npy_bytes(&strided.to_npy_bytes())
            .unwrap()
            .as_slice(),
        &[1.0, 3.0]
    );
}

#[test]
fn files_round_trip_through_the_file_system() {
    let dir = std::env::temp_dir().join(format!("shaped_npy_test_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.npy");
    let a = a23();
    a.write_npy(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), F64_2X3);
    assert_eq!(Matrix::<f64, 2, 3>::read_npy(&path).unwrap(), a);
    let vpath = dir.join("at.npy");
    a.t().write_npy(&vpath).unwrap();
    assert_eq!(
        Matrix::<f64, 3, 2>::read_npy(&vpath).unwrap(),
        a.t().to_tensor()
    );
    // Large enough to cross the reader's and writer's 64 KiB chunks, with awkward sizes.
    let big = Tensor::<f32, (Dyn, Dyn)>::from_fn_with((Dyn(301), Dyn(67)), |[i, j]| {
        (i as f32) * 0.5 - j as f32
    });
    let bpath = dir.join("big.npy");
    big.write_npy(&bpath).unwrap();
    assert_eq!(
        Tensor::<f32, (Dyn, Const<67>)>::read_npy(&bpath)
            .unwrap()
            .as_slice(),
        big.as_slice()
    );
    let missing = Matrix::<f64, 2, 3>::read_npy(dir.join("missing.npy")).unwrap_err();
    assert!(matches!(missing, DataError::Io(_)), "{missing:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn special_values_round_trip_bit_exactly() {
    let xs = [
        f64::NAN,
        f64::INFINITY,
        -0.0,
        f64::MIN_POSITIVE / 4.0,
        f64::MAX,
        -1e-300,
    ];
    let v = Vector::<f64, 6>::from_fn(|[i]| xs[i]);
    let back = Vector::<f64, 6>::from_npy_bytes(&v.to_npy_bytes()).unwrap();
    let bits = |t: &Vector<f64, 6>| t.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&back), bits(&v));
}

// ---------------------------------------------------------------------------------------------
// Files that do not fit the type

#[test]
fn wrong_shape_names_both_shapes() {
    let e = Matrix::<f64, 3, 2>::from_npy_bytes(F64_2X3).unwrap_err();
    assert!(matches!(e, DataError::Shape(_)), "{e:?}");
    assert_eq!(
        e.to_string(),
        "from_npy_bytes: shape (2, 3) does not fit the type's shape (3, 2) (`_` is any size)"
    );
    let e = Vector::<f64, 6>::from_npy_bytes(F64_2X3).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from_npy_bytes: shape (2, 3) does not fit the type's shape (6,) (`_` is any size)"
    );
    let e = Tensor::<f64, (Dyn, Const<4>)>::from_npy_bytes(F64_2X3).unwrap_err();
    assert!(e.to_string().contains("(_, 4)"), "{e}");
}

#[test]
fn wrong_dtype_names_the_dtypes() {
    let m = invalid_msg(Tensor::<f64, (Dyn,)>::from_npy_bytes(F32_4));
    assert_eq!(
        m,
        "npy: the file holds f32 data ('<f4') but the tensor's element type is f64 ('<f8')"
    );
    let m = invalid_msg(Matrix::<f32, 2, 3>::from_npy_bytes(F64_2X3));
    assert!(m.contains("f64 data ('<f8')") && m.contains("f32"), "{m}");
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(I64_2X3));
    assert!(m.contains("the file holds i64 data ('<i8')"), "{m}");
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(F64_BIG_ENDIAN));
    assert!(m.contains("big-endian") && m.contains("'>f8'"), "{m}");
    let structured = npy(
        1,
        "{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False, 'shape': (2,), }",
        &f64_bytes(&[0.; 4]),
    );
    let m = invalid_msg(Tensor::<f64, (Dyn,)>::from_npy_bytes(&structured));
    assert!(m.contains("structured"), "{m}");
}

// ---------------------------------------------------------------------------------------------
// Malformed files

#[test]
fn every_truncation_is_an_error() {
    for len in 0..F64_2X3.len() {
        let cut = &F64_2X3[..len];
        let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(cut));
        if len >= 6 {
            assert!(m.contains("truncated"), "{len}: {m}");
        }
    }
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(
        &F64_2X3[..F64_2X3.len() - 3],
    ));
    assert_eq!(
        m,
        "npy: the data are truncated: shape (2, 3) needs 48 bytes of f64 but the file holds 45"
    );
}

#[test]
fn wrong_magic() {
    let mut f = F64_2X3.to_vec();
    f[0] = b'x';
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(&f));
    assert!(m.contains("magic string"), "{m}");
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(
        b"PK\x03\x04\x14\x00\x00\x00",
    ));
    assert!(m.contains("\"PK\\x03\\x04\\x14\\x00\""), "{m}");
    assert!(invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(b"")).contains("magic"));
}

#[test]
fn trailing_bytes_are_an_error() {
    let mut f = F64_2X3.to_vec();
    f.extend_from_slice(&[0; 5]);
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(&f));
    assert_eq!(
        m,
        "npy: the file has 5 bytes after the 48 bytes of data of shape (2, 3)"
    );
}

#[test]
fn unsupported_version() {
    let mut f = F64_2X3.to_vec();
    f[6] = 4;
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(&f));
    assert!(m.contains("format version 4.0 is not supported"), "{m}");
}

#[test]
fn bad_headers_say_what_is_wrong() {
    let data = f64_bytes(&[0.0; 2]);
    let cases: &[(&str, &str)] = &[
        ("not a dict", "not a valid Python dict"),
        (
            "{'descr': '<f8', 'fortran_order': False}",
            "no \"shape\" key",
        ),
        (
            "{'fortran_order': False, 'shape': (2,)}",
            "no \"descr\" key",
        ),
        (
            "{'descr': '<f8', 'shape': (2,)}",
            "no \"fortran_order\" key",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
            "unexpected key \"extra\"",
        ),
        (
            "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}",
            "repeats the key",
        ),
        (
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}",
            "'fortran_order' must be True or False",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': [2]}",
            "'shape' must be a tuple",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,)}",
            "not a valid Python dict",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,)}",
            "negative",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': ('2',)}",
            "'shape' must be a tuple",
        ),
        (
            "{'descr': 8, 'fortran_order': False, 'shape': (2,)}",
            "'descr' must be a dtype string",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} junk",
            "after the closing",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)",
            "expected ',' or '}'",
        ),
        (
            "{'descr': '<f8, 'fortran_order': False}",
            "not a valid Python dict",
        ),
        (
            "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,)}",
            "unexpected name \"Maybe\"",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,)}",
            "too large",
        ),
    ];
    for &(header, want) in cases {
        let m = invalid_msg(Tensor::<f64, (Dyn,)>::from_npy_bytes(&npy(
            1, header, &data,
        )));
        assert!(m.contains(want), "header {header:?}: {m}");
    }
    // Version 3 headers must be UTF-8.
    let mut f = npy(
        3,
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}",
        &data,
    );
    f[13] = 0xff;
    assert!(invalid_msg(Tensor::<f64, (Dyn,)>::from_npy_bytes(&f)).contains("UTF-8"));
    // A header length beyond the end of the file.
    let mut f = F64_2X3.to_vec();
    f[8] = 0xff;
    f[9] = 0xff;
    let m = invalid_msg(Matrix::<f64, 2, 3>::from_npy_bytes(&f));
    assert!(m.contains("the header is 65535 bytes long"), "{m}");
}

#[test]
fn a_huge_claimed_shape_neither_allocates_nor_overflows() {
    let data = f64_bytes(&[1.0; 3]);
    let f = npy(
        1,
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,)}",
        &data,
    );
    let m = invalid_msg(Tensor::<f64, (Dyn,)>::from_npy_bytes(&f));
    assert!(m.contains("truncated") && m.contains("holds 24"), "{m}");
    let f = npy(
        1,
        "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296)}",
        &data,
    );
    let m = invalid_msg(Tensor::<f64, (Dyn, Dyn, Dyn)>::from_npy_bytes(&f));
    assert!(m.contains("more elements than memory can address"), "{m}");
}

proptest! {
    /// Any byte changed in the header of a valid file gives a tensor or an error, never a
    /// panic; when it reads, the data are the original ones.
    #[test]
    fn corrupted_headers_never_panic(pos in 0usize..128, byte: u8) {
        let mut f = F64_2X3.to_vec();
        f[pos] = byte;
        if let Ok(t) = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(&f) {
            prop_assert_eq!(t.numel(), 6);
        }
    }

    /// Arbitrary bytes after a valid magic string never panic.
    #[test]
    fn random_files_never_panic(body in proptest::collection::vec(any::<u8>(), 0..200)) {
        let mut f = b"\x93NUMPY\x01\x00".to_vec();
        f.extend_from_slice(&body);
        let _ = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(&f);
    }
}
