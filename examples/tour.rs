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
    let data = Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(n), Const), |[i, j]| (i * 3 + j) as f64);
    println!("X: a dataset of shape {:?} (n = Dyn, d = Const<3>)", data.dims());
    println!("row 1 of X: {:?}", data.row(1).to_tensor().as_slice());

    // numpy: img = np.zeros((4, 5, 3)); chw = img.transpose(2, 0, 1)
    let img = Tensor3::<u8, 4, 5, 3>::zeros();
    let chw = img.permute::<Axes3<2, 0, 1>>();
    println!("image (h, w, c) = {:?} viewed as (c, h, w) = {:?} without a copy", img.dims(), chw.dims());

    // numpy: A.T
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let at = a.t();
    println!("A is {:?}, A.T is {:?}; A.T[2, 1] = {}", a.dims(), at.dims(), at[[2, 1]]);
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
    println!("reshape (12,) -> {:?}: checked when the program is built", m.dims());

    // With sizes known only at run time the same mistake is an error value naming both shapes.
    let d = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(12),));
    match d.clone().try_reshape_with((Dyn(5), Dyn(3))) {
        Ok(_) => unreachable!(),
        Err(e) => println!("run-time check: {e}"),
    }
    // Moving from run-time sizes back to static ones is one checked step.
    let back = d.try_reshape_with((Dyn(4), Dyn(3)))?.try_into_shape::<(Const<4>, Const<3>)>()?;
    println!("and back to a static {:?}", back.dims());
    Ok(())
}

/// "Sparse and structured matrices: speed without losing soul": a CSR matvec at the
/// article's size, a Toeplitz product and a convolution by FFT, output lengths in the types.
fn sparse_and_structured() -> Result<(), Box<dyn std::error::Error>> {
    use shaped::sparse::Csr;
    use shaped::structured::{Diagonal, Method, Toeplitz, convolve_full, convolve_same};
    use shaped::{ConvFullOf, MaxOf};
    section("Sparse and structured matrices");

    // numpy: A = sp.random(10000, 10000, density=1e-4, format='csr'); y = A @ x
    // The shape is in the type: A is (10000, 10000), x must have 10000 entries.
    #[cfg(feature = "rand")]
    {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(0);
        let a = Csr::<f64, Const<10000>, Const<10000>>::random((Const, Const), 1e-4, &mut rng);
        let x = Vector::<f64, 10000>::from_fn(|[j]| (j % 10) as f64 - 4.5);
        let t0 = std::time::Instant::now();
        let y: Vector<f64, 10000> = a.matvec(&x);
        println!(
            "A: (10000, 10000) with {} stored entries ({:.0} KB instead of 800 MB dense); A @ x in {:?}, |y|_inf = {:.3}",
            a.nnz(),
            (a.nnz() * 16 + 10001 * 8) as f64 / 1e3,
            t0.elapsed(),
            y.iter().fold(0.0f64, |m, v| m.max(v.abs()))
        );
    }
    // A triplet list (duplicates summed) and malformed CSR parts, reported with the rule.
    let g = Csr::<f64, Const<3>, Const<3>>::from_triplets((Const, Const), &[(0, 1, 1.0), (1, 2, 1.0), (0, 1, 1.0)])?;
    println!(
        "a small graph: {} stored entries (the repeated edge summed to weight 2), dense {:?}",
        g.nnz(),
        g.to_dense().as_slice()
    );
    let bad = Csr::<f64, Const<2>, Const<3>>::from_parts((Const, Const), vec![0, 2, 1], vec![0, 1], vec![1.0, 2.0]);
    println!("malformed parts: {}", bad.unwrap_err());

    // Toeplitz: constant diagonals, O(n) storage; its product is a convolution, by FFT.
    let n = 4096;
    let c = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(n),), |[i]| 1.0 / (1.0 + i as f64));
    let t = Toeplitz::new(&c, &c)?; // symmetric (n, n), never formed densely
    let x = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(n),), |[i]| ((i * 7) % 13) as f64 - 6.0);
    let t0 = std::time::Instant::now();
    let direct = t.matvec_with(&x, Method::Direct);
    let t_direct = t0.elapsed();
    let _ = t.matvec(&x); // the first call plans the FFT and keeps the matrix's spectrum
    let t0 = std::time::Instant::now();
    let fast = t.matvec(&x); // FFT at this size
    let t_fft = t0.elapsed();
    let diff = direct.iter().zip(fast.iter()).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    println!("Toeplitz ({n}, {n}) @ x: direct {t_direct:?}, FFT {t_fft:?}, max difference {diff:.1e}");

    // numpy.convolve: the output length is part of the type.
    let signal: Vector<f64, 8> = tensor![0., 0., 1., 1., 1., 0., 0., 0.];
    let kernel: Vector<f64, 3> = tensor![0.25, 0.5, 0.25];
    let full: Tensor<f64, (ConvFullOf<Const<8>, Const<3>>,)> = convolve_full(&signal, &kernel);
    let same: Tensor<f64, (MaxOf<Const<8>, Const<3>>,)> = convolve_same(&signal, &kernel);
    println!("convolve full: {} samples {:?}", full.numel(), full.as_slice());
    println!("convolve same: {} samples {:?}", same.numel(), same.as_slice());

    // A diagonal matrix scales each feature: O(n) storage and work.
    let scale = Diagonal::new(&tensor![2.0, 0.5, 1.0]);
    let v: Vector<f64, 3> = tensor![1.0, 4.0, 9.0];
    println!("diag(2, 0.5, 1) @ {:?} = {:?}", v.as_slice(), scale.matvec(&v).as_slice());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    vectors_matrices_tensors();
    shapes_are_type_hints()?;
    sparse_and_structured()?;
    // Later chapters (dot products and norms, broadcasting, matmul, solve, SVD, einsum, sparse)
    // are added below as their operations land.
    Ok(())
}
