//! The `serde` feature: round trips through serde_json and postcard (a binary format) for
//! tensors of every kind of shape, views, Csr, the structured matrices and Pca, and the
//! errors a stored value whose shape does not fit gives.

use serde::Serialize;
use serde::de::DeserializeOwned;
use shaped::sparse::Csr;
use shaped::structured::{BlockDiagonal, Circulant, Diagonal, Toeplitz};
use shaped::{Const, Dyn, Matrix, One, Pca, Tensor, Tensor3, Vector, tensor};

/// The value after a trip through JSON and one through postcard; both must equal it.
fn both<X: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(x: &X) -> X {
    let json = serde_json::to_string(x).unwrap();
    let from_json: X = serde_json::from_str(&json).unwrap();
    assert_eq!(&from_json, x, "json: {json}");
    let bin = postcard::to_allocvec(x).unwrap();
    let from_bin: X = postcard::from_bytes(&bin).unwrap();
    assert_eq!(&from_bin, x);
    from_bin
}

#[test]
fn tensors_round_trip_at_every_rank_and_kind_of_dim() {
    both(&Tensor::<f64, ()>::from_vec((), vec![2.5]).unwrap());
    both(&Vector::<f32, 3>::from([1.5, -0.0, f32::MAX]));
    both(&Matrix::<i64, 2, 3>::from_fn(|[i, j]| {
        (i * 10 + j) as i64 - 7
    }));
    both(&Tensor::<f64, (Dyn, Const<2>)>::zeros_with((Dyn(0), Const)));
    both(&Tensor::<u8, (Dyn, One, Dyn)>::ones_with((
        Dyn(2),
        One,
        Dyn(3),
    )));
    both(&Tensor3::<f64, 2, 3, 4>::from_fn(|[i, j, k]| {
        (i + j * k) as f64 / 7.0
    }));
    // Exact f64 through JSON (serde_json's float_roundtrip), including subnormals.
    both(&Vector::<f64, 3>::from([0.1, 1.0 / 3.0, 5e-324]));
    // Large and odd sizes.
    both(&Tensor::<f64, (Dyn, Dyn)>::from_fn_with(
        (Dyn(63), Dyn(65)),
        |[i, j]| (i * j) as f64,
    ));
}

#[test]
fn views_serialise_as_the_tensor_they_copy_into() {
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let t = a.t();
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        serde_json::to_string(&t.to_tensor()).unwrap()
    );
    let bin = postcard::to_allocvec(&t).unwrap();
    let back: Matrix<f64, 3, 2> = postcard::from_bytes(&bin).unwrap();
    assert_eq!(back, t.to_tensor());
}

#[test]
fn a_stored_shape_that_does_not_fit_the_type_names_both_shapes() {
    let a = Matrix::<f64, 2, 3>::ones();
    let json = serde_json::to_string(&a).unwrap();
    let e = serde_json::from_str::<Matrix<f64, 3, 2>>(&json).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("deserialize: shape (2, 3) does not fit the type's shape (3, 2)"),
        "{e}"
    );
    let e = serde_json::from_str::<Tensor<f64, (Dyn,)>>(&json).unwrap_err();
    assert!(
        e.to_string()
            .contains("shape (2, 3) does not fit the type's shape (_,)"),
        "{e}"
    );
    // Through postcard too.
    let bin = postcard::to_allocvec(&a).unwrap();
    assert!(postcard::from_bytes::<Matrix<f64, 3, 2>>(&bin).is_err());
    assert!(postcard::from_bytes::<Tensor<f64, (Dyn, Dyn)>>(&bin).is_ok());
    // The element count is checked against the shape, both ways.
    for bad in [
        r#"{"shape":[2,2],"data":[1,2,3]}"#,
        r#"{"shape":[2,2],"data":[1,2,3,4,5]}"#,
        r#"{"shape":[18446744073709551615,2],"data":[]}"#,
    ] {
        let e = serde_json::from_str::<Tensor<f64, (Dyn, Dyn)>>(bad).unwrap_err();
        assert!(
            e.to_string().contains("elements but the data has"),
            "{bad}: {e}"
        );
    }
    // Fields in either order, missing fields, wrong element types.
    let t: Tensor<f64, (Dyn,)> = serde_json::from_str(r#"{"data":[1,2],"shape":[2]}"#).unwrap();
    assert_eq!(t.as_slice(), &[1., 2.]);
    assert!(serde_json::from_str::<Tensor<f64, (Dyn,)>>(r#"{"shape":[2]}"#).is_err());
    assert!(serde_json::from_str::<Tensor<i32, (Dyn,)>>(r#"{"shape":[1],"data":[1.5]}"#).is_err());
    // Truncated binary input is an error, not a panic.
    for cut in 0..bin.len() {
        assert!(postcard::from_bytes::<Tensor<f64, (Dyn, Dyn)>>(&bin[..cut]).is_err());
    }
}

#[test]
fn csr_round_trips_and_its_rules_are_checked() {
    let a = Csr::<f64, Dyn, Const<4>>::from_triplets(
        (Dyn(3), Const),
        &[(0, 1, 1.5), (2, 3, -2.0), (2, 0, 4.0)],
    )
    .unwrap();
    let back = both(&a);
    assert_eq!(back.to_dense(), a.to_dense());
    let json = serde_json::to_string(&a).unwrap();
    assert!(serde_json::from_str::<Csr<f64, Dyn, Const<5>>>(&json).is_err());
    let e = serde_json::from_str::<Csr<f64, Dyn, Dyn>>(
        r#"{"shape":[2,2],"indptr":[0,2,1],"indices":[0,1],"values":[1.0,2.0]}"#,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("csr: "), "{e}");
    both(&Csr::<f32, Dyn, Dyn>::zeros((Dyn(0), Dyn(3))));
}

#[test]
fn structured_matrices_round_trip() {
    let d = Diagonal::new(&tensor![1.0, -2.0, 3.5]);
    let back: Diagonal<f64, Const<3>> = both(&d);
    assert_eq!(back.to_dense(), d.to_dense());
    assert!(
        serde_json::from_str::<Diagonal<f64, Const<4>>>(&serde_json::to_string(&d).unwrap())
            .is_err()
    );

    let b = BlockDiagonal::new(vec![
        Tensor::<f64, (Dyn, Dyn)>::eye_with((Dyn(2), Dyn(2))),
        Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(1), Dyn(3))),
    ]);
    assert_eq!(both(&b).to_dense(), b.to_dense());

    let t = Toeplitz::new(&tensor![1.0, 2.0, 3.0], &tensor![1.0, -1.0]).unwrap();
    let back: Toeplitz<f64, Const<3>, Const<2>> = both(&t);
    assert_eq!(back.to_dense(), t.to_dense());
    let x: Vector<f64, 2> = tensor![1.0, 1.0];
    assert_eq!(back.matvec(&x), t.matvec(&x));

    let c = Circulant::new(
        &Tensor::<f64, (Dyn,)>::from_vec((Dyn(5),), vec![1., 2., 3., 4., 5.]).unwrap(),
    );
    let back: Circulant<f64, Dyn> = both(&c);
    assert_eq!(back.to_dense(), c.to_dense());
}

#[test]
fn pca_round_trips_and_mismatched_parts_are_errors() {
    let x = Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(20), Const), |[i, j]| {
        ((i * 7 + j * 3) % 11) as f64 + (i as f64) * 0.1
    });
    let pca = x.pca::<2>().unwrap();
    let json = serde_json::to_string(&pca).unwrap();
    let back: Pca<f64, Const<2>, Const<3>> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.components, pca.components);
    assert_eq!(back.mean, pca.mean);
    assert_eq!(back.transform(&x), pca.transform(&x));
    let bin = postcard::to_allocvec(&pca).unwrap();
    let back: Pca<f64, Dyn, Dyn> = postcard::from_bytes(&bin).unwrap();
    assert_eq!(back.components.as_slice(), pca.components.as_slice());
    // A stored PCA of 2 components does not load as one of 3.
    let e = serde_json::from_str::<Pca<f64, Const<3>, Const<3>>>(&json).unwrap_err();
    assert!(
        e.to_string().contains("does not fit the type's shape (3,"),
        "{e}"
    );
}
