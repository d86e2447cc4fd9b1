//! Storing a fitted model with serde: a PCA and a tensor written as JSON, read back into
//! typed shapes, and a stored shape that does not fit the type refused with both shapes named.
//!
//! Run it with `cargo run --example serde_tensors --features serde`.

use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let x = Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(30), Const), |[i, j]| {
        (i as f64) * [1.0, 0.5, -0.2][j] + ((7 * i + 3 * j) % 5) as f64 * 0.1
    });
    let pca = x.pca::<2>()?;
    let json = serde_json::to_string_pretty(&pca)?;
    println!(
        "the fitted PCA as JSON ({} bytes), its mean: {}",
        json.len(),
        serde_json::to_string(&pca.mean)?
    );

    // Read back into the same typed shapes; the projections agree.
    let restored: Pca<f64, Const<2>, Const<3>> = serde_json::from_str(&json)?;
    assert_eq!(restored.transform(&x), pca.transform(&x));
    println!(
        "explained variance ratio after the round trip: {}",
        restored.explained_variance_ratio
    );

    // A stored PCA of 2 components does not load as one of 3 features by 4.
    match serde_json::from_str::<Pca<f64, Const<2>, Const<4>>>(&json) {
        Err(e) => println!("as expected: {e}"),
        Ok(_) => unreachable!("the stored components are (2, 3)"),
    }
    Ok(())
}
