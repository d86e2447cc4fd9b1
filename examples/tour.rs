//! A tour of `shaped`, following the sections of "Linear Algebra for Machine Learning:
//! Shape-Checked Superpowers". Each numpy snippet of the article is shown with its `shaped`
//! twin.
//!
//! Run it with `cargo run --release --example tour`.

use shaped::prelude::*;
use shaped::{Axes3, LinalgError, Lower, ShapeError, Upper};

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

/// A deterministic "random" matrix of the given shape: entries in [-1, 1) from a hash of the
/// index (the tour avoids a random-number dependency).
fn pseudo_random<S: Shape<Index = [usize; 2]>>(shape: S, seed: u64) -> Tensor<f64, S> {
    Tensor::from_fn_with(shape, |[i, j]| {
        let mut h = (i as u64 * 0x9E37_79B9_7F4A_7C15) ^ (j as u64 * 0xC2B2_AE3D_27D4_EB4F) ^ seed;
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 32;
        (h >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    })
}

/// `max_i |(A x - b)_i|`, the residual of a solve.
fn residual<N: Dim>(a: &Tensor<f64, (N, N)>, x: &Tensor<f64, (N,)>, b: &Tensor<f64, (N,)>) -> f64 {
    let n = b.dims()[0];
    (0..n)
        .map(|i| ((0..n).map(|j| a[[i, j]] * x[[j]]).sum::<f64>() - b[[i]]).abs())
        .fold(0.0, f64::max)
}

/// "Identity and inverse": solve `A x = b` without forming `A^-1`. The shapes are checked
/// by the compiler: a (500, 500) matrix cannot be solved against a (499,) right-hand side.
fn solve_do_not_invert() -> Result<(), LinalgError> {
    section("Solve, do not invert");
    // numpy: A = np.random.randn(500, 500); b = np.random.randn(500); x = np.linalg.solve(A, b)
    let a = pseudo_random((Const::<500>, Const::<500>), 1);
    let b = Vector::<f64, 500>::from_fn(|[i]| ((i * 7919) % 1000) as f64 / 500.0 - 1.0);
    let x = a.solve(&b)?; // LU with partial pivoting; Err(Singular) for a singular A
    println!("solve:        max |A x - b| = {:.1e}", residual(&a, &x, &b));
    // The inverse works too, but costs three times the flops and loses accuracy.
    let ai = a.inv()?;
    let xi = ai.matvec(&b);
    println!(
        "inv(A) @ b:   max |A x - b| = {:.1e}",
        residual(&a, &xi, &b)
    );
    // Factor once, solve many times: that is what `lu()` is for.
    let lu = a.lu()?;
    let (sign, logdet) = lu.slogdet();
    println!(
        "sign(det A) = {sign}, log|det A| = {logdet:.3} (det itself would be {:e})",
        lu.det()
    );
    // A singular matrix is an error you can match on, not a panic or a NaN.
    let s: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 4.]];
    match s.solve(&tensor![1., 1.]) {
        Err(e) => println!("a singular system: {e}"),
        Ok(x) => println!("unexpected solution {x:?}"),
    }
    Ok(())
}

/// "Numerical sanity": `G = A^T A + 1e-6 I` is symmetric positive definite, so Cholesky
/// `G = L L^T` solves `G x = A^T y` with two triangular solves, at half the cost of LU.
fn cholesky_for_spd_systems() -> Result<(), LinalgError> {
    section("Cholesky for SPD systems");
    let a = pseudo_random((Dyn(200), Const::<8>), 2); // 200 samples, 8 features
    let y: Tensor<f64, (Dyn,)> = Tensor::from_fn_with((Dyn(200),), |[i]| (i as f64 / 20.0).sin());
    // numpy: G = A.T @ A + 1e-6 * np.eye(A.shape[1]); r = A.T @ y
    let mut g: Matrix<f64, 8, 8> = a.t().matmul(&a); // (8, Dyn) x (Dyn, 8) -> (8, 8)
    for i in 0..8 {
        g[[i, i]] += 1e-6;
    }
    let r: Vector<f64, 8> = a.t().matvec(&y);
    // numpy: L = np.linalg.cholesky(G); z = np.linalg.solve(L, r); x = np.linalg.solve(L.T, z)
    let chol = g.cholesky()?;
    let l = chol.l();
    let z = l.solve_triangular(&r, Lower)?;
    let x = l.t().solve_triangular(&z, Upper)?; // L^T is a view: no copy
    println!("x = {:.4?}", x.as_slice());
    // The same in one call, and the same as LU:
    let x2 = chol.solve(&r)?;
    let x3 = g.solve(&r)?;
    let d = (0..8)
        .map(|i| (x[[i]] - x2[[i]]).abs().max((x[[i]] - x3[[i]]).abs()))
        .fold(0.0, f64::max);
    println!("cholesky solve and LU solve agree to {d:.1e}");
    // A matrix that is not positive definite is reported, with the failing pivot.
    let indefinite: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 1.]];
    if let Err(e) = indefinite.cholesky() {
        println!("{e}");
    }
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    vectors_matrices_tensors();
    shapes_are_type_hints()?;
    #[cfg(feature = "rand")]
    data_in_and_out()?;
    solve_do_not_invert()?;
    cholesky_for_spd_systems()?;
    // Later chapters (dot products and norms, broadcasting, matmul, solve, SVD, einsum, sparse)
    // are added below as their operations land.
    Ok(())
}
