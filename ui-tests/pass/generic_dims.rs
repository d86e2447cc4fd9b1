//! Code generic over dims compiles with `B: Dim, C: Dim` (and `T: Float`) alone: every relation
//! holds reflexively, and with `One` on either side. Each function is then called with static
//! and dynamic dims.
use shaped::{Const, Dim, Dyn, Float, Matrix, One, Tensor, Vector, einsum};

// The two examples of DESIGN section 10, as written there.
fn layer<B: Dim>(
    x: &Tensor<f32, (B, Const<784>)>,
    w: &Matrix<f32, 784, 128>,
    b: &Vector<f32, 128>,
) -> Tensor<f32, (B, Const<128>)> {
    (x.matmul(w) + b).map(|v| v.max(0.0))
}
fn log_softmax<B: Dim, C: Dim>(z: &Tensor<f32, (B, C)>) -> Tensor<f32, (B, C)> {
    let m = z.max_keepdim::<1>(); // (B, One)
    let s = z - &m; // (B, C) - (B, One)
    let lse = s.map(f32::exp).sum_keepdim::<1>().map(f32::ln);
    s - lse
}

/// (B, C) x (C, 3), (B, C) x (C, B), and batched (B, 2, C) x (C, 3).
fn products<T: Float, B: Dim, C: Dim>(
    x: &Tensor<T, (B, C)>,
    w: &Tensor<T, (C, Const<3>)>,
    xb: &Tensor<T, (B, Const<2>, C)>,
) -> (
    Tensor<T, (B, Const<3>)>,
    Tensor<T, (B, B)>,
    Tensor<T, (B, Const<2>, Const<3>)>,
) {
    let gram = x.matmul(x.t());
    (x.matmul(w), gram, xb.matmul(w))
}

/// (B, C) + (C,), (B, C) - (B, One), (B, C) * (One, C), (One, C) / (B, C).
fn broadcasts<T: Float, B: Dim, C: Dim>(
    x: &Tensor<T, (B, C)>,
    bias: &Tensor<T, (C,)>,
    row: &Tensor<T, (B, One)>,
    col: &Tensor<T, (One, C)>,
) -> Tensor<T, (B, C)> {
    let a = x + bias;
    let b = &a - row;
    let c = &b * col;
    col / &c
}

/// Every reduction along an axis with `keepdim`, broadcast back against the input.
fn reductions<T: Float, B: Dim, C: Dim>(x: &Tensor<T, (B, C)>) -> Tensor<T, (B, C)> {
    let a = x - &x.sum_keepdim::<0>();
    let a = &a - &x.sum_keepdim::<1>();
    let a = &a - &x.mean_keepdim::<0>();
    let a = &a - &x.mean_keepdim::<1>();
    let a = &a - &x.max_keepdim::<0>();
    let a = &a - &x.max_keepdim::<1>();
    let a = &a - &x.min_keepdim::<0>();
    let a = &a - &x.min_keepdim::<1>();
    let a = &a - &x.var_keepdim::<0>();
    let a = &a - &x.var_keepdim::<1>();
    let a = &a - &x.norm_l1_keepdim::<0>();
    let a = &a - &x.norm_l2_keepdim::<1>();
    let a = &a - &x.norm_linf_keepdim::<0>();
    let _: Tensor<usize, (B, One)> = x.argmax_keepdim::<1>();
    let _: Tensor<T, (C,)> = x.sum_axis::<0>();
    let _: Tensor<T, (B,)> = x.mean_axis::<1>();
    a
}

/// `einsum!` with a letter bound to `B` (and to `C`).
fn einsums<B: Dim, C: Dim>(
    x: &Tensor<f32, (B, C)>,
    w: &Tensor<f32, (C, Const<3>)>,
) -> (
    Tensor<f32, (B, Const<3>)>,
    Tensor<f32, (B,)>,
    Tensor<f32, (B, B)>,
) {
    (
        einsum!("bc,cd->bd", x, w),
        einsum!("bc,bc->b", x, x),
        einsum!("bc,dc->bd", x, x),
    )
}

/// `concat` along either axis, and the cosine similarity of the rows of (B, C) with themselves.
fn joins<T: Float, B: Dim, C: Dim>(x: &Tensor<T, (B, C)>) -> (usize, usize, Tensor<T, (B, B)>) {
    let rows = x.concat::<0, _>(x);
    let cols = x.concat::<1, _>(x);
    (
        rows.dims()[0],
        cols.dims()[1],
        x.cosine_similarity(x, T::of(1e-12)),
    )
}

/// `solve` and `cholesky` of a (C, C) matrix, `pca::<2>()` of (B, C) data (no bound: K <= min
/// is checked at build when both dims are static, at run time otherwise).
fn linalg<T: Float, B: Dim, C: Dim>(
    a: &Tensor<T, (C, C)>,
    rhs: &Tensor<T, (C,)>,
    data: &Tensor<T, (B, C)>,
) -> (Tensor<T, (C,)>, Tensor<T, (C,)>, usize) {
    let x = a.solve(rhs).unwrap();
    let y = a.cholesky().unwrap().solve(rhs).unwrap();
    let p = data.pca::<2>().unwrap();
    (x, y, p.components.dims()[1])
}

/// What the compile error of a generic `B` against `Const<4>` advises: check the other operand's
/// size at run time, converting it to `B`.
fn checked_add<B: Dim>(
    x: &Tensor<f64, (B, Const<3>)>,
    y: &Matrix<f64, 4, 3>,
) -> Tensor<f64, (B, Const<3>)> {
    let y = y.clone().try_into_shape::<(B, Const<3>)>().expect("4 rows");
    x + &y
}

fn run<B: Dim, C: Dim>(b: B, c: C) {
    let x = Tensor::<f64, (B, C)>::from_fn_with((b, c), |[i, j]| (i * 7 + j * j) as f64 + 1.0);
    let w = Tensor::<f64, (C, Const<3>)>::ones_with((c, Const));
    let xb = Tensor::<f64, (B, Const<2>, C)>::ones_with((b, Const, c));
    let (p, g, q) = products(&x, &w, &xb);
    assert_eq!(
        (p.dims(), g.dims(), q.dims()),
        ([b.size(), 3], [b.size(); 2], [b.size(), 2, 3])
    );
    let bias = Tensor::<f64, (C,)>::ones_with((c,));
    let row = Tensor::<f64, (B, One)>::ones_with((b, One));
    let col = Tensor::<f64, (One, C)>::ones_with((One, c));
    assert_eq!(broadcasts(&x, &bias, &row, &col).dims(), x.dims());
    assert_eq!(reductions(&x).dims(), x.dims());
    let (r, s, cos) = joins(&x);
    assert_eq!(
        (r, s, cos.dims()),
        (2 * b.size(), 2 * c.size(), [b.size(); 2])
    );
    let a = Tensor::<f64, (C, C)>::from_fn_with((c, c), |[i, j]| if i == j { 2.0 } else { 0.5 });
    let (x1, x2, k) = linalg(&a, &bias, &x);
    assert!((&x1 - &x2).norm_linf() < 1e-12);
    assert_eq!(k, c.size());
    let xf = Tensor::<f32, (B, C)>::ones_with((b, c));
    let wf = Tensor::<f32, (C, Const<3>)>::ones_with((c, Const));
    let (e, d, o) = einsums(&xf, &wf);
    assert_eq!(
        (e.dims(), d.dims(), o.dims()),
        ([b.size(), 3], [b.size()], [b.size(); 2])
    );
    assert!((log_softmax(&xf).map(f32::exp).sum() - b.size() as f32).abs() < 1e-4);
}

pub fn main() {
    run(Const::<5>, Const::<4>);
    run(Dyn(6), Const::<3>);
    run(Const::<4>, Dyn(3));
    run(Dyn(3), Dyn(3));
    let x = Tensor::<f32, (Dyn, Const<784>)>::ones_with((Dyn(2), Const));
    let four = Matrix::<f64, 4, 3>::ones();
    assert_eq!(
        checked_add(
            &Tensor::<f64, (Dyn, Const<3>)>::ones_with((Dyn(4), Const)),
            &four
        )
        .sum(),
        24.0
    );
    let h = layer(&x, &Matrix::zeros(), &Vector::ones());
    assert_eq!(h.sum(), 256.0);
}
