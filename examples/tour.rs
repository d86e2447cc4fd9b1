//! A tour of `shaped`, following the sections of "Linear Algebra for Machine Learning:
//! Shape-Checked Superpowers". Each numpy snippet of the article is shown with its `shaped`
//! twin.
//!
//! Run it with `cargo run --release --example tour`.

use shaped::prelude::*;
use shaped::{Axes3, ShapeError};

fn section(title: &str) {
    println!("\n== {title} ==");
}

/// "Vectors and matrices: the cast": a vector is a feature vector, a matrix a dataset of
/// n samples by d features, a tensor an image of height x width x channels.
fn vectors_matrices_tensors() {
    section("Vectors, matrices, tensors");
    // numpy: x = np.array([1.0, 2.0, 3.0])
    let x: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
    println!("x: a vector of shape {:?}", x.dims());

    // numpy: X = np.zeros((n, d)) with n known only at run time
    let n = std::env::args().count() + 4; // a run-time size
    let data =
        Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(n), Const), |[i, j]| (i * 3 + j) as f64);
    println!(
        "X: a dataset of shape {:?} (n = Dyn, d = Const<3>)",
        data.dims()
    );
    println!("row 1 of X: {:?}", data.row(1).to_tensor().as_slice());

    // numpy: img = np.zeros((4, 5, 3)); chw = img.transpose(2, 0, 1)
    let img = Tensor3::<u8, 4, 5, 3>::zeros();
    let chw = img.permute::<Axes3<2, 0, 1>>();
    println!(
        "image (h, w, c) = {:?} viewed as (c, h, w) = {:?} without a copy",
        img.dims(),
        chw.dims()
    );

    // numpy: A.T
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let at = a.t();
    println!(
        "A is {:?}, A.T is {:?}; A.T[2, 1] = {}",
        a.dims(),
        at.dims(),
        at[[2, 1]]
    );
}

/// "Shapes are type hints for math": numpy raises at run time; `shaped` refuses to compile
/// static mismatches and reports `Dyn` ones with both shapes.
fn shapes_are_type_hints() -> Result<(), ShapeError> {
    section("Shapes are type hints");
    // numpy: A = np.random.randn(100, 300); A.reshape(4, 3) -> ValueError at run time.
    // shaped: `Matrix::<f64, 100, 300>::zeros().reshape::<(Const<4>, Const<3>)>()` does not
    // build: "reshape: the target shape has a different number of elements than the source".
    let v = Vector::<f64, 12>::from_fn(|[i]| i as f64);
    let m: Matrix<f64, 4, 3> = v.reshape::<(Const<4>, Const<3>)>();
    println!(
        "reshape (12,) -> {:?}: checked when the program is built",
        m.dims()
    );

    // With sizes known only at run time the same mistake is an error value naming both shapes.
    let d = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(12),));
    match d.clone().try_reshape_with((Dyn(5), Dyn(3))) {
        Ok(_) => unreachable!(),
        Err(e) => println!("run-time check: {e}"),
    }
    // Moving from run-time sizes back to static ones is one checked step.
    let back = d
        .try_reshape_with((Dyn(4), Dyn(3)))?
        .try_into_shape::<(Const<4>, Const<3>)>()?;
    println!("and back to a static {:?}", back.dims());
    Ok(())
}

/// "Connecting the math to NumPy code you can run": numpy's `np.random`, `print(A)` and
/// `np.save` / `np.load` have `shaped` twins, so data move both ways.
#[cfg(feature = "rand")]
fn data_in_and_out() -> Result<(), shaped::DataError> {
    use shaped::rand::{SeedableRng, rngs::StdRng};
    section("Data in and out: random, print, .npy");
    // numpy: rng = np.random.default_rng(0); A = rng.standard_normal((3, 4)); print(A)
    let mut rng = StdRng::seed_from_u64(0);
    let a = Matrix::<f64, 3, 4>::random_normal(&mut rng);
    println!("A =\n{a:.3}");
    // numpy: np.save("a.npy", A); B = np.load("a.npy")
    let path = std::env::temp_dir().join(format!("shaped_tour_{}.npy", std::process::id()));
    a.write_npy(&path)?;
    let b = Tensor::<f64, (Dyn, Const<4>)>::read_npy(&path)?;
    println!("read back a {:?} array from {}", b.dims(), path.display());
    // A file whose shape does not fit the type is an error that names both shapes.
    if let Err(e) = Matrix::<f64, 4, 3>::read_npy(&path) {
        println!("{e}");
    }
    std::fs::remove_file(&path)?;
    Ok(())
}

/// "Tensors, broadcasting, and einsum: vectorize your life": batch dot products and the
/// cosine similarity of all pairs, each one `einsum!` whose shapes are checked when the
/// program is built.
fn einsum_vectorize_your_life() -> Result<(), ShapeError> {
    use shaped::{einsum, try_einsum};
    section("einsum: batch dot products and all-pairs cosine similarity");
    // numpy: Y = np.einsum('nd,dm->nm', X, W) for X (n, d) and W (d, m)
    let n = std::env::args().count() + 4; // a run-time number of samples
    let x = Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(n), Const), |[i, j]| {
        ((i * 3 + j) as f64 * 0.7).sin()
    });
    let w: Matrix<f64, 3, 2> = tensor![[1., 0.], [0., 1.], [1., -1.]];
    let y = einsum!("nd,dm->nm", x, w); // (n, 3) x (3, 2) -> (n, 2): d checked at build
    let _: &Tensor<f64, (Dyn, Const<2>)> = &y;
    println!(
        "Y = einsum(\"nd,dm->nm\", X, W): X {:?}, W {:?} -> Y {:?}",
        x.dims(),
        w.dims(),
        y.dims()
    );
    // A W of the wrong width does not build:
    // einsum!("nd,dm->nm", x, Matrix::<f64, 4, 2>::zeros())
    //   error: einsum: index `d` is bound to different sizes: `Const<3>` vs `Const<4>`

    // numpy: Xn = X / (np.linalg.norm(X, axis=1, keepdims=True) + 1e-9)
    let sq = einsum!("nd,nd->n", x, x); // a dot product per row: (n,)
    let xn = Tensor::from_fn_with(x.shape(), |[i, j]| x[[i, j]] / (sq[[i]].sqrt() + 1e-9));
    // numpy: S = np.einsum('nd,md->nm', Xn, Xn)
    let s = einsum!("nd,md->nm", xn, xn); // (n, n): every pair's cosine similarity
    println!(
        "cosine similarities S {:?}; S[0, 0] = {:.6}, S[0, 1] = {:.6}",
        s.dims(),
        s[[0, 0]],
        s[[0, 1]]
    );

    // With both sizes known only at run time, a mismatch is an error value naming the index.
    let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    if let Err(e) = try_einsum!("i,i->", a, b) {
        println!("run-time check: {e}");
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    vectors_matrices_tensors();
    shapes_are_type_hints()?;
    #[cfg(feature = "rand")]
    data_in_and_out()?;
    einsum_vectorize_your_life()?;
    // Later chapters (dot products and norms, broadcasting, matmul, solve, SVD, einsum, sparse)
    // are added below as their operations land.
    Ok(())
}
