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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    vectors_matrices_tensors();
    shapes_are_type_hints()?;
    dot_products_and_norms();
    normalisation_and_cosine_similarity();
    broadcasting();
    reductions();
    matmul_shapes_are_type_hints();
    matrix_multiply_is_composition();
    #[cfg(feature = "rand")]
    data_in_and_out()?;
    einsum_vectorize_your_life()?;
    // Later chapters (dot products and norms, broadcasting, matmul, solve, SVD, einsum, sparse)
    // are added below as their operations land.
    Ok(())
}
