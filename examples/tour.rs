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

/// "Orthogonality and projection: the geometry of least squares": `lstsq` drops the
/// perpendicular from y onto the column space of A, without forming the normal equations.
fn least_squares_as_projection() -> Result<(), shaped::LinalgError> {
    section("Least squares as projection");
    // numpy: x, residuals, rank, s = np.linalg.lstsq(A, y, rcond=None)
    let a: Matrix<f64, 4, 2> = tensor![[1., 0.], [1., 1.], [1., 2.], [1., 3.]];
    let y: Vector<f64, 4> = tensor![1.0, 2.9, 5.1, 7.0];
    let fit = a.lstsq(&y)?; // x: (2,), one coefficient per column of A
    println!(
        "fit y ~ {:.3} + {:.3} t; rank {}, residual sum of squares {:.4?}",
        fit.x[[0]],
        fit.x[[1]],
        fit.rank,
        fit.residuals
    );
    // The foot of the perpendicular is A x_hat; the residual is orthogonal to A's columns.
    let r: Vec<f64> = (0..4)
        .map(|i| y[[i]] - (0..2).map(|j| a[[i, j]] * fit.x[[j]]).sum::<f64>())
        .collect();
    let dots: Vec<f64> = (0..2)
        .map(|j| (0..4).map(|i| a[[i, j]] * r[i]).sum())
        .collect();
    println!(
        "A^T (y - A x_hat) = {:.1e}, {:.1e}: the residual is perpendicular to the columns",
        dots[0], dots[1]
    );
    // A right-hand side with the wrong number of rows does not build:
    // a.lstsq(&Vector::<f64, 5>::zeros()) -> "shape mismatch: dimensions differ: `Const<4>` vs `Const<5>`"
    Ok(())
}

/// "Eigenvalues, eigenvectors, and the SVD" and "PCA via SVD": principal components are the
/// right singular vectors of the centred data, variances are S^2 / (n - 1).
fn svd_and_pca() -> Result<(), shaped::LinalgError> {
    section("SVD and PCA");
    // numpy: U, S, Vt = np.linalg.svd(A, full_matrices=False)
    let a: Matrix<f64, 3, 2> = tensor![[3., 1.], [1., 3.], [0., 0.]];
    let svd = a.svd()?; // u: (3, MinOf<3, 2>), s: (2,), vt: (2, 2)
    println!(
        "A (3, 2): u {:?}, s {:.3?}, vt {:?}",
        svd.u.dims(),
        svd.s.as_slice(),
        svd.vt.dims()
    );
    // Symmetric matrices (hello, covariance) have orthogonal eigenvectors: eigh.
    let c: Matrix<f64, 2, 2> = tensor![[2., 1.], [1., 2.]];
    let eig = c.eigh()?;
    println!(
        "eigh of [[2, 1], [1, 2]]: values {:.6?} (ascending)",
        eig.values.as_slice()
    );

    // numpy: Xc = X - X.mean(0); U, S, Vt = svd(Xc); Z = Xc @ Vt.T[:, :k]
    let n = 8;
    let x = Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(n), Const), |[i, j]| {
        let t = i as f64;
        match j {
            0 => t,
            1 => 2.0 * t + if i % 2 == 0 { 0.3 } else { -0.3 },
            _ => 5.0 + if i % 3 == 0 { 0.2 } else { -0.1 },
        }
    });
    let pca = x.pca::<2>()?; // K = 2 in the type; K > min(N, D) would not build
    let z = pca.transform(&x); // (n, 2)
    println!(
        "PCA of (n, 3) data: explained variance {:.3?}, ratio {:.4?}; Z is {:?}",
        pca.explained_variance.as_slice(),
        pca.explained_variance_ratio.as_slice(),
        z.dims()
    );
    Ok(())
}

/// "Low-rank approximation: keep top k singular values; compress and denoise".
fn low_rank_approximation() -> Result<(), shaped::LinalgError> {
    section("Low-rank approximation");
    // A rank-1 signal plus a little noise.
    let a = Matrix::<f64, 5, 4>::from_fn(|[i, j]| {
        (i + 1) as f64 * (j + 1) as f64 + if (i + j) % 3 == 0 { 0.05 } else { -0.02 }
    });
    let s = a.singular_values()?;
    let a1 = a.low_rank::<1>()?; // (5, 4), rank 1
    let err: f64 = a
        .iter()
        .zip(a1.iter())
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt();
    println!("singular values {:.4?}", s.as_slice());
    println!(
        "||A - A_1||_F = {err:.4} = sqrt(s_2^2 + s_3^2 + s_4^2) = {:.4} (Eckart-Young)",
        s.as_slice()[1..].iter().map(|v| v * v).sum::<f64>().sqrt()
    );
    println!("rank of A_1: {}", a1.matrix_rank());
    Ok(())
}

/// "Numerical sanity: conditioning beats bravado": cond(A) says how much a solve can amplify
/// a wiggle in the data.
fn condition_number() {
    section("Condition number");
    let good: Matrix<f64, 2, 2> = tensor![[2., 1.], [1., 3.]];
    let bad: Matrix<f64, 2, 2> = tensor![[1., 1.], [1., 1.0 + 1e-10]];
    println!(
        "cond(good) = {:.2}, cond(bad) = {:.2e}",
        good.cond(),
        bad.cond()
    );
    // A relative wiggle of 1e-12 in b can move x by up to cond * 1e-12.
    let b: Vector<f64, 2> = tensor![2.0, 2.0];
    let b2: Vector<f64, 2> = tensor![2.0, 2.0 + 2e-12];
    let x = bad.lstsq(&b).map(|f| f.x);
    let x2 = bad.lstsq(&b2).map(|f| f.x);
    if let (Ok(x), Ok(x2)) = (x, x2) {
        println!(
            "b moves by 1e-12 relatively, x moves from {:.4?} to {:.4?}",
            x.as_slice(),
            x2.as_slice()
        );
    }
    let singular: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 4.]];
    println!(
        "a singular matrix: cond = {:.1e} (about 1/eps: rounding noise), rank = {}",
        singular.cond(),
        singular.matrix_rank()
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    vectors_matrices_tensors();
    shapes_are_type_hints()?;
    least_squares_as_projection()?;
    svd_and_pca()?;
    low_rank_approximation()?;
    condition_number();
    // Later chapters (dot products and norms, broadcasting, matmul, solve, SVD, einsum, sparse)
    // are added below as their operations land.
    Ok(())
}
