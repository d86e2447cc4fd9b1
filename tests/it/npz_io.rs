//! The `npz` feature: numpy's `np.savez` / `np.savez_compressed` archives
//! (tests/data/ecosystem/make_fixtures.py) load member by member with the `.npy` rules;
//! archives written here load back; damaged archives are errors, never panics.

use std::io::Cursor;

use shaped::io::npz::{NpzReader, NpzWriter};
use shaped::{Const, DataError, Dyn, Matrix, Tensor, Vector, tensor};

fn fixture(name: &str) -> std::path::PathBuf {
    crate::repo_root().join("tests/data/ecosystem").join(name)
}

#[test]
fn numpys_stored_and_deflated_archives_load() {
    for name in ["arrays.npz", "arrays_compressed.npz"] {
        let mut npz = NpzReader::open(fixture(name)).unwrap();
        assert_eq!(npz.names(), ["w", "v", "f", "i", "arr_0"], "{name}");
        let w = npz.tensor::<f64, (Const<2>, Const<3>)>("w").unwrap();
        assert_eq!(w.as_slice(), &[0., 0.25, 0.5, 0.75, 1., 1.25]);
        let v = npz.tensor::<f32, (Dyn,)>("v").unwrap();
        assert_eq!(v.as_slice(), &[1., 2., 3., 4.]);
        // Fortran order: the elements come back in row-major order.
        let f = npz.tensor::<f64, (Dyn, Const<2>)>("f").unwrap();
        assert_eq!(f.as_slice(), &[0., 1., 2., 3., 4., 5.]);
        let a = npz.tensor::<f64, (Const<2>,)>("arr_0").unwrap();
        assert_eq!(a.as_slice(), &[7., 8.]);
        // int64 is not read by the .npy code: the error names the member and the dtype.
        let e = npz.tensor::<f64, (Dyn,)>("i").unwrap_err();
        assert!(e.to_string().starts_with("npz: member \"i\": "), "{e}");
        assert!(e.to_string().contains("<i8"), "{e}");
        let e = npz.tensor::<f64, (Dyn, Const<3>)>("f").unwrap_err();
        assert!(matches!(e, DataError::Shape(_)));
        assert_eq!(
            e.to_string(),
            "npz: member \"f\": shape (3, 2) does not fit the type's shape (_, 3) (`_` is any size)"
        );
    }
}

#[test]
fn written_archives_load_back_stored_and_deflated() {
    let a =
        Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(63), Dyn(65)), |[i, j]| (i * 65 + j) as f64);
    let m: Matrix<f32, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let e = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(0), Const));
    for compressed in [false, true] {
        let cursor = Cursor::new(Vec::new());
        let mut w = if compressed {
            NpzWriter::new_compressed(cursor)
        } else {
            NpzWriter::new(cursor)
        };
        w.add("a", &a).unwrap();
        w.add("m_t", &m.t()).unwrap();
        w.add("empty", &e).unwrap();
        w.add(
            "scalar",
            &Tensor::<f64, ()>::from_vec((), vec![3.5]).unwrap(),
        )
        .unwrap();
        let e2 = w.add("a", &a).unwrap_err();
        assert_eq!(
            e2.to_string(),
            "npz: an array named \"a\" was already added"
        );
        let bytes = w.finish().unwrap().into_inner();
        let mut npz = NpzReader::new(Cursor::new(bytes)).unwrap();
        assert_eq!(npz.names(), ["a", "m_t", "empty", "scalar"]);
        assert_eq!(
            npz.tensor::<f64, (Dyn, Const<65>)>("a").unwrap().as_slice(),
            a.as_slice()
        );
        assert_eq!(
            npz.tensor::<f32, (Const<3>, Const<2>)>("m_t").unwrap(),
            m.t().to_tensor()
        );
        assert_eq!(
            npz.tensor::<f64, (Dyn, Dyn)>("empty").unwrap().dims(),
            [0, 3]
        );
        assert_eq!(npz.tensor::<f64, ()>("scalar").unwrap().as_slice(), &[3.5]);
    }
    // Through a file.
    let path = std::env::temp_dir().join(format!("shaped_it_npz_{}.npz", std::process::id()));
    let mut w = NpzWriter::create(&path).unwrap();
    w.add("v", &Vector::<f64, 2>::ones()).unwrap();
    w.finish().unwrap();
    assert_eq!(
        NpzReader::open(&path)
            .unwrap()
            .tensor::<f64, (Const<2>,)>("v")
            .unwrap()
            .as_slice(),
        &[1., 1.]
    );
    std::fs::remove_file(&path).ok();
}

/// Reads every array of an archive as f64 of any rank-1..=2 shape, returning the first error.
fn read_all(bytes: &[u8]) -> Result<(), DataError> {
    let mut npz = NpzReader::new(Cursor::new(bytes))?;
    for name in npz.names() {
        if npz.tensor::<f64, (Dyn, Dyn)>(&name).is_err() {
            npz.tensor::<f64, (Dyn,)>(&name)?;
        }
    }
    Ok(())
}

#[test]
fn damaged_archives_are_errors() {
    for name in ["arrays.npz", "arrays_compressed.npz"] {
        let good = std::fs::read(fixture(name)).unwrap();
        // Every truncation: an error when opening or when reading a member, never a panic.
        for cut in 0..good.len() {
            let _ = read_all(&good[..cut]);
        }
        // Flip each byte in turn: the checksum, deflate stream or npy header catches it, or
        // the result is still an error-free read of the same sizes; never a panic.
        for k in 0..good.len() {
            let mut bad = good.clone();
            bad[k] ^= 0x55;
            let _ = read_all(&bad);
        }
    }
    // A flipped data byte in a stored member is caught by the member's checksum.
    let good = std::fs::read(fixture("arrays.npz")).unwrap();
    let at = good.windows(6).position(|w| w == b"\x93NUMPY").unwrap() + 130;
    let mut bad = good.clone();
    bad[at] ^= 1;
    let mut npz = NpzReader::new(Cursor::new(bad)).unwrap();
    let e = npz.tensor::<f64, (Dyn, Dyn)>("w").unwrap_err();
    assert!(matches!(e, DataError::Invalid { .. }), "{e}");
    assert!(e.to_string().starts_with("npz: member \"w\""), "{e}");
    // Not a zip file at all.
    let e = NpzReader::new(Cursor::new(b"\x93NUMPY not a zip".to_vec()))
        .err()
        .unwrap();
    assert!(
        e.to_string().starts_with("npz: not a readable zip archive"),
        "{e}"
    );
    let mut npz = NpzReader::new(Cursor::new(good)).unwrap();
    let e = npz.tensor::<f64, (Dyn,)>("nope").unwrap_err();
    assert_eq!(
        e.to_string(),
        "npz: no array named \"nope\" (the archive holds \"w\", \"v\", \"f\", \"i\", \"arr_0\")"
    );
}
