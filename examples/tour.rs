//! A tour of `shaped`, following the sections of "Linear Algebra for Machine Learning:
//! Shape-Checked Superpowers". Each numpy snippet of the article is shown with its `shaped`
//! twin.
//!
//! Run it with `cargo run --release --example tour`.

use shaped::prelude::*;

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

/// "Matrix multiply: composition of linear moves": the columns of A are the images of the
/// basis vectors, `A @ x` is a weighted sum of those columns, and `B @ A` means "A first,
/// then B".
fn matrix_multiply_is_composition() {
    section("Matrix multiply is composition");
    // A quarter turn and a stretch of the x axis, as 2x2 matrices.
    let rot: Matrix<f64, 2, 2> = tensor![[0., -1.], [1., 0.]];
    let stretch: Matrix<f64, 2, 2> = tensor![[3., 0.], [0., 1.]];
    // numpy: rot[:, 0] is where e1 lands
    let e1: Vector<f64, 2> = tensor![1., 0.];
    println!(
        "rot @ e1 = {:?} = column 0 of rot {:?}",
        rot.matvec(&e1).as_slice(),
        rot.col(0).to_tensor().as_slice()
    );
    // A @ x is a weighted combination of A's columns, with weights from x
    let x: Vector<f64, 2> = tensor![2., 5.];
    let combo: Vec<f64> = (0..2)
        .map(|i| 2.0 * rot[[i, 0]] + 5.0 * rot[[i, 1]])
        .collect();
    println!(
        "rot @ x = {:?} = 2 * col0 + 5 * col1 = {:?}",
        rot.matvec(&x).as_slice(),
        combo
    );
    // numpy: (stretch @ rot) @ x == stretch @ (rot @ x): rotate first, then stretch
    let both = stretch.matmul(&rot);
    let y1 = both.matvec(&x);
    let y2 = stretch.matvec(rot.matvec(&x));
    println!(
        "(stretch @ rot) @ x = {:?}, stretch @ (rot @ x) = {:?}",
        y1.as_slice(),
        y2.as_slice()
    );
    // order matters
    let other = rot.matmul(&stretch);
    println!(
        "stretch @ rot = {:?} but rot @ stretch = {:?}",
        both.as_slice(),
        other.as_slice()
    );
    // A linear layer is a matrix multiply plus a bias: (n, d) @ (d, m) -> (n, m), with n at
    // run time; a transposed weight is a view, multiplied through its strides with no copy.
    let n = 4;
    let xs = Tensor::<f32, (Dyn, Const<3>)>::from_fn_with((Dyn(n), Const), |[i, j]| (i + j) as f32);
    let w_t = Matrix::<f32, 2, 3>::from_fn(|[i, j]| if i == j { 1.0 } else { 0.5 });
    let h = xs.matmul(w_t.t()); // (Dyn, Const<3>) @ (Const<3>, Const<2>) -> (Dyn, Const<2>)
    println!(
        "layer: X {:?} @ W.T {:?} -> {:?}",
        xs.dims(),
        w_t.t().dims(),
        h.dims()
    );
    // batched: 8 small products in one call, (B, M, K) @ (K, N) -> (B, M, N)
    let batch = Tensor3::<f32, 8, 2, 3>::ones();
    let prod = batch.matmul(w_t.t());
    println!(
        "batched: {:?} @ {:?} -> {:?}",
        batch.dims(),
        w_t.t().dims(),
        prod.dims()
    );
}

/// "Shapes are type hints for math", for products: numpy's `A @ B` with A (100, 300) and
/// B (128, 200) raises at run time; here it is a build error, and with run-time sizes an
/// error value (or a panic at the caller's line) that names both shapes.
fn matmul_shapes_are_type_hints() {
    section("Shapes are type hints: matmul");
    // (m, d) @ (d, n) -> (m, n): the result type is inferred from the operands.
    let a = Matrix::<f64, 100, 300>::zeros();
    let w = Matrix::<f64, 300, 200>::zeros();
    let c: Matrix<f64, 100, 200> = a.matmul(&w);
    println!("(100, 300) @ (300, 200) -> {:?}", c.dims());
    // The article's mistake does not build:
    //
    //     let b = Matrix::<f64, 128, 200>::zeros();
    //     let c = a.matmul(&b);
    //
    // error[E0277]: matmul shape mismatch: cannot multiply
    //   `(shaped::Const<100>, shaped::Const<300>)` by `(shaped::Const<128>, shaped::Const<200>)`
    //   = note: matmul takes (M, K) x (K, N) -> (M, N) ... both K must be the same dimension
    //
    // With sizes read at run time the same mistake is an error naming both shapes:
    let ad = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(100), Dyn(300)));
    let bd = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(128), Dyn(200)));
    match ad.try_matmul(&bd) {
        Ok(_) => unreachable!(),
        // "matmul: lhs (100, 300) has 300 columns but rhs (128, 200) has 128 rows"
        Err(e) => println!("run-time check: {e}"),
    }
    // `ad.matmul(&bd)` would panic with that message, pointing at this line.
}

/// "Connecting the math to NumPy code you can run": numpy's `np.random`, `print(A)` and
/// `np.save` / `np.load` have `shaped` twins, so data move both ways.
#[cfg(feature = "rand")]
fn data_in_and_out() -> Result<(), DataError> {
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

/// "Dot products, norms, and why cosine keeps showing up": x . y, ||x||_2, ||x||_1.
fn dot_products_and_norms() {
    section("Dot products and norms");
    // numpy: x @ y  (shapes (d,) . (d,) -> scalar)
    let x: Vector<f64, 3> = tensor![1.0, 2.0, 2.0];
    let y: Vector<f64, 3> = tensor![4.0, 0.0, 3.0];
    println!("x . y = {}", x.dot(&y));
    // A (3,) . (4,) does not compile: "shape mismatch: dimensions differ: `Const<3>` vs `Const<4>`".

    // numpy: np.linalg.norm(x), np.linalg.norm(x, 1), np.linalg.norm(x, np.inf)
    println!(
        "||x||_2 = {}, ||x||_1 = {}, ||x||_inf = {}",
        x.norm_l2(),
        x.norm_l1(),
        x.norm_linf()
    );

    // Geometry: x . y = ||x|| ||y|| cos(theta)
    let cos = x.dot(&y) / (x.norm_l2() * y.norm_l2());
    println!("cos(theta) = {cos:.4}");

    // norm_l2 does not overflow or underflow where a naive sqrt(sum x^2) does.
    let huge: Vector<f64, 2> = tensor![3e200, 4e200];
    let tiny: Vector<f64, 2> = tensor![3e-200, 4e-200];
    println!(
        "||(3e200, 4e200)|| = {:.3e}, ||(3e-200, 4e-200)|| = {:.3e}",
        huge.norm_l2(),
        tiny.norm_l2()
    );
}

/// "Normalize features to avoid scale chaos", and cosine similarity of all pairs.
fn normalisation_and_cosine_similarity() {
    section("Normalisation and cosine similarity");
    let x = Tensor::<f64, (Dyn, Const<3>)>::from_vec(
        (Dyn(4), Const),
        vec![1., 0., 0., 2., 2., 0., 0., 0., 3., 1., 1., 1.],
    )
    .expect("4 x 3 values");

    // numpy: X = X / (np.linalg.norm(X, axis=1, keepdims=True) + 1e-8)   # unit vectors per row
    let norms = x.norm_l2_keepdim::<1>(); // (n, One)
    let xn = &x / &(norms + 1e-8); // (n, 3) / (n, One): the One axis stretches
    println!(
        "row norms after normalising: {:?}",
        xn.norm_l2_axis::<1>().as_slice()
    );
    // ... or in one call:
    let xn2 = x.normalize_rows(1e-8);
    assert_eq!(xn, xn2);

    // numpy: Xn = X / (np.linalg.norm(X, axis=1, keepdims=True) + 1e-9)
    //        S = np.einsum('nd,md->nm', Xn, Xn)      # cosine similarities of all pairs
    let s = x.cosine_similarity(&x, 1e-9); // (n, 3) with (n, 3) -> (n, n)
    for i in 0..s.dims()[0] {
        let row: Vec<String> = s.row(i).iter().map(|v| format!("{v:5.2}")).collect();
        println!("  [{}]", row.join(", "));
    }
}

/// "Broadcasting lets you add shapes like (n, d) + (1, d)".
fn broadcasting() {
    section("Broadcasting");
    let x: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];

    // numpy: X + b with b of shape (d,): a lower-rank operand aligns with the trailing axes
    let b: Vector<f64, 3> = tensor![10., 20., 30.];
    println!("(2, 3) + (3,) -> {:?}", (&x + &b).as_slice());

    // numpy: X + r with r of shape (1, d): the size-1 axis stretches. In shaped it is a `One`.
    let r = Tensor::<f64, (One, Const<3>)>::from_fn(|[_, j]| j as f64);
    let y: Matrix<f64, 2, 3> = &x + &r;
    println!("(2, 3) + (One, 3) -> {:?}", y.as_slice());

    // numpy: col * row -> an outer product (3, 1) * (1, 4) -> (3, 4)
    let col = Vector::<f64, 3>::from_fn(|[i]| i as f64 + 1.0).unsqueeze::<1>(); // (3, One)
    let row = Vector::<f64, 4>::from_fn(|[j]| j as f64 + 1.0).unsqueeze::<0>(); // (One, 4)
    let table: Matrix<f64, 3, 4> = &col * &row;
    println!("(3, One) * (One, 4) -> {:?}", table.dims());

    // A `Const<1>` does not stretch (only `One` does) and (2, 3) + (2,) does not compile:
    // "cannot broadcast shape `(Const<2>, Const<3>)` against shape `(Const<2>,)`".
    // With run-time sizes, a Dyn axis of size 1 stretches as in numpy, and a mismatch is an
    // error naming both shapes.
    let d = x.clone().into_dyn();
    let bad = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    match d.try_add(&bad) {
        Ok(_) => unreachable!("(2, 3) and (2,) do not broadcast"),
        Err(e) => println!("(2, 3) + (2,) with Dyn dims: {e}"),
    }
    // Scalars broadcast on either side.
    println!("2 * X - 1 = {:?}", (2.0 * &x - 1.0).as_slice());
}

/// Reductions: sums, means and maxima over everything or along an axis, with `keepdim` forms
/// that broadcast back (the PCA snippet's `X - X.mean(axis=0, keepdims=True)`).
fn reductions() {
    section("Reductions");
    let x: Matrix<f64, 3, 2> = tensor![[1., 10.], [2., 20.], [6., 60.]];
    println!(
        "sum = {}, mean = {}, max = {}, argmax = {}",
        x.sum(),
        x.mean(),
        x.max(),
        x.argmax()
    );

    // numpy: X.sum(axis=0) -> (d,); X.sum(axis=1, keepdims=True) -> (n, 1)
    let col_sums: Vector<f64, 2> = x.sum_axis::<0>();
    let row_sums: Tensor<f64, (Const<3>, One)> = x.sum_keepdim::<1>();
    println!(
        "column sums {:?}, row sums {:?} (shape {:?})",
        col_sums.as_slice(),
        row_sums.as_slice(),
        row_sums.dims()
    );
    // An axis out of range does not compile: x.sum_axis::<2>() says
    // "axis 2 is out of range for a tensor of shape `(Const<3>, Const<2>)`".

    // numpy: Xc = X - X.mean(axis=0, keepdims=True)
    let xc = &x - &x.mean_keepdim::<0>(); // (3, 2) - (One, 2)
    println!("centred columns sum to {:?}", xc.sum_axis::<0>().as_slice());
    println!("variance per column: {:?}", x.var_axis::<0>().as_slice());

    // max/min propagate NaN as numpy does; an empty max is an error, not a silent value.
    let with_nan: Vector<f64, 3> = tensor![1.0, f64::NAN, 3.0];
    println!("max with a NaN: {}", with_nan.max());
    let empty = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    println!(
        "try_max of an empty tensor: {}",
        empty.try_max().unwrap_err()
    );
}

/// A deterministic "random" matrix of the given shape: entries in [-1, 1) from a hash of the
/// index (the tour avoids a random-number dependency).
fn pseudo_random<S: Shape<Index = [usize; 2]>>(shape: S, seed: u64) -> Tensor<f64, S> {
    Tensor::from_fn_with(shape, |[i, j]| {
        let mut h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (j as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ seed;
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
    match s.solve(tensor![1., 1.]) {
        Err(e) => println!("a singular system: {e}"),
        Ok(x) => println!("unexpected solution {x:?}"),
    }
    Ok(())
}

/// "Identity and inverse", batched: numpy's `solve` on a stack (B, N, N) solves every member
/// in one call, and the batch dims are part of the type.
fn stacked_solves() -> Result<(), LinalgError> {
    section("Stacked solves");
    // numpy: A = np.random.randn(64, 8, 8); b = np.random.randn(64, 8, 1); x = np.linalg.solve(A, b)
    let a: Tensor<f64, (Const<64>, Const<8>, Const<8>)> =
        pseudo_random((Const::<512>, Const::<8>), 3).reshape();
    let b: Tensor<f64, (Const<64>, Const<8>, Const<1>)> =
        pseudo_random((Const::<64>, Const::<8>), 4).reshape();
    let x = a.solve(&b)?; // (64, 8, 1): one factorisation per member, no allocation per member
    let worst = (0..64)
        .flat_map(|m| (0..8).map(move |i| (m, i)))
        .map(|(m, i)| {
            let ax: f64 = (0..8).map(|j| a[[m, i, j]] * x[[m, j, 0]]).sum();
            (ax - b[[m, i, 0]]).abs()
        })
        .fold(0.0, f64::max);
    println!(
        "64 systems of 8 in one call: x {:?}, max |A_m x_m - b_m| = {worst:.1e}",
        x.dims()
    );
    // Two batch dims broadcast as in numpy: 4 matrices (4, 1, 8, 8) against 3 right-hand
    // sides (1, 3, 8, 1) give every pairing, (4, 3, 8, 1); the `One` axes stretch.
    let a2: Tensor<f64, (Const<4>, One, Const<8>, Const<8>)> =
        pseudo_random((Const::<32>, Const::<8>), 5).reshape();
    let b2: Tensor<f64, (One, Const<3>, Const<8>, Const<1>)> =
        pseudo_random((Const::<3>, Const::<8>), 6).reshape();
    let x2: Tensor<f64, (Const<4>, Const<3>, Const<8>, Const<1>)> = a2.solve(&b2)?;
    println!("(4, 1, 8, 8) with (1, 3, 8, 1): x {:?}", x2.dims());
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

/// "Sparse and structured matrices: speed without losing soul": a CSR matvec at the
/// article's size, a Toeplitz product and a convolution by FFT, output lengths in the types.
fn sparse_and_structured() -> Result<(), Box<dyn std::error::Error>> {
    use shaped::sparse::Csr;
    use shaped::structured::{Diagonal, Method, Toeplitz, convolve_full, convolve_same};
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
    let g = Csr::<f64, Const<3>, Const<3>>::from_triplets(
        (Const, Const),
        &[(0, 1, 1.0), (1, 2, 1.0), (0, 1, 1.0)],
    )?;
    println!(
        "a small graph: {} stored entries (the repeated edge summed to weight 2), dense {:?}",
        g.nnz(),
        g.to_dense().as_slice()
    );
    let bad = Csr::<f64, Const<2>, Const<3>>::from_parts(
        (Const, Const),
        vec![0, 2, 1],
        vec![0, 1],
        vec![1.0, 2.0],
    );
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
    let diff = direct
        .iter()
        .zip(fast.iter())
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    println!(
        "Toeplitz ({n}, {n}) @ x: direct {t_direct:?}, FFT {t_fft:?}, max difference {diff:.1e}"
    );

    // numpy.convolve: the output length is part of the type.
    let signal: Vector<f64, 8> = tensor![0., 0., 1., 1., 1., 0., 0., 0.];
    let kernel: Vector<f64, 3> = tensor![0.25, 0.5, 0.25];
    let full: Tensor<f64, (ConvFullOf<Const<8>, Const<3>>,)> = convolve_full(&signal, &kernel);
    let same: Tensor<f64, (MaxOf<Const<8>, Const<3>>,)> = convolve_same(&signal, &kernel);
    println!(
        "convolve full: {} samples {:?}",
        full.numel(),
        full.as_slice()
    );
    println!(
        "convolve same: {} samples {:?}",
        same.numel(),
        same.as_slice()
    );

    // A diagonal matrix scales each feature: O(n) storage and work.
    let scale = Diagonal::new(&tensor![2.0, 0.5, 1.0]);
    let v: Vector<f64, 3> = tensor![1.0, 4.0, 9.0];
    println!(
        "diag(2, 0.5, 1) @ {:?} = {:?}",
        v.as_slice(),
        scale.matvec(&v).as_slice()
    );
    Ok(())
}

/// "Orthogonality and projection: the geometry of least squares": `lstsq` drops the
/// perpendicular from y onto the column space of A, without forming the normal equations.
fn least_squares_as_projection() -> Result<(), LinalgError> {
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

/// "Eigenvectors v of A satisfy A v = lambda v": `eig` of a general (non-symmetric) matrix,
/// whose eigenvalues may be complex. A Markov chain's stationary distribution is the
/// eigenvector of P^T for the eigenvalue 1.
fn eigenvectors_of_a_general_matrix() -> Result<(), LinalgError> {
    section("Eigenvectors of a general matrix");
    // numpy: w, V = np.linalg.eig(P.T); pi = V[:, argmin |w - 1|].real; pi /= pi.sum()
    // A weather chain: sunny, cloudy, rainy; row i holds the probabilities of tomorrow.
    let p: Matrix<f64, 3, 3> = tensor![[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.2, 0.3, 0.5]];
    let e = p.t().eig()?; // values: (3,) complex, vectors: (3, 3) complex, unit columns
    let j = (0..3)
        .min_by(|&a, &b| {
            let (da, db) = ((e.values[[a]] - 1.0).norm(), (e.values[[b]] - 1.0).norm());
            da.total_cmp(&db)
        })
        .expect("three eigenvalues");
    let total: f64 = (0..3).map(|i| e.vectors[[i, j]].re).sum();
    let pi = Vector::<f64, 3>::from_fn(|[i]| e.vectors[[i, j]].re / total);
    // Stationary: pi P = pi.
    let next = p.t().matvec(&pi);
    println!(
        "stationary distribution {:.4?} (sunny, cloudy, rainy); pi P - pi = {:.1e}",
        pi.as_slice(),
        (&next - &pi).map(f64::abs).max()
    );
    // A rotation has no real eigenvectors: its eigenvalues are cos t +- i sin t.
    let t = std::f64::consts::FRAC_PI_6;
    let r: Matrix<f64, 2, 2> = tensor![[t.cos(), -t.sin()], [t.sin(), t.cos()]];
    println!("rotation by 30 degrees: eigenvalues {:.4}", r.eigvals()?);
    // A non-square matrix has no eigenvalues, and `eig` on one does not build:
    // Matrix::<f64, 2, 3>::zeros().eig() -> "not a square matrix: `Const<2>` rows vs `Const<3>` columns"
    Ok(())
}

/// "Eigenvalues, eigenvectors, and the SVD" and "PCA via SVD": principal components are the
/// right singular vectors of the centred data, variances are S^2 / (n - 1).
fn svd_and_pca() -> Result<(), LinalgError> {
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
fn low_rank_approximation() -> Result<(), LinalgError> {
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

/// "Tensors, broadcasting, and einsum: vectorize your life": batch dot products and the
/// cosine similarity of all pairs, each one `einsum!` whose shapes are checked when the
/// program is built.
fn einsum_vectorize_your_life() -> Result<(), ShapeError> {
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
    // The chapters follow the article's sections.
    vectors_matrices_tensors();
    shapes_are_type_hints()?;
    matmul_shapes_are_type_hints();
    dot_products_and_norms();
    normalisation_and_cosine_similarity();
    matrix_multiply_is_composition();
    solve_do_not_invert()?;
    stacked_solves()?;
    least_squares_as_projection()?;
    eigenvectors_of_a_general_matrix()?;
    svd_and_pca()?;
    low_rank_approximation()?;
    broadcasting();
    reductions();
    einsum_vectorize_your_life()?;
    condition_number();
    cholesky_for_spd_systems()?;
    sparse_and_structured()?;
    #[cfg(feature = "rand")]
    data_in_and_out()?;
    Ok(())
}
