//! Complex tensors: matmul through matrixmultiply's complex kernels against the product by
//! definition (odd sizes, empty, 1x1, transposed and sliced views), the identities of the
//! conjugate and the conjugate transpose, the parts, `vdot`, the elementwise arithmetic,
//! numpy's text for complex arrays (`fixtures/numpy_display_complex.json`) and `.npy` files of
//! `<c8` / `<c16` data written by numpy (`fixtures/npy/c*.npy`).
//!
//! Products of small Gaussian integers are exact in floating point, so those are compared with
//! `==`; products of general values are compared with a tolerance of a few ulps of the sums of
//! the moduli.

use serde_json::Value;
use shaped::{
    Complex, Const, DMatrix, Dyn, Float, Matrix, Number, Shape, Tensor, TensorView, Vector, tensor,
};

type C64 = Complex<f64>;

/// A deterministic stream of xorshift states.
fn stream(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

/// Gaussian integers with parts in -4..=4.
fn gints<T: Float>(n: usize, seed: u64) -> Vec<Complex<T>> {
    let mut next = stream(seed);
    (0..n)
        .map(|_| {
            let re = (next() % 9) as f64 - 4.0;
            let im = (next() % 9) as f64 - 4.0;
            Complex::new(T::of(re), T::of(im))
        })
        .collect()
}

/// Complex values with parts in [-1, 1), not integers.
fn values(n: usize, seed: u64) -> Vec<C64> {
    let mut next = stream(seed);
    let mut u = move || (next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
    (0..n).map(|_| Complex::new(u(), u())).collect()
}

fn dmat<T: Float>(m: usize, n: usize, seed: u64) -> DMatrix<Complex<T>> {
    Tensor::from_vec((Dyn(m), Dyn(n)), gints(m * n, seed)).unwrap()
}

/// The product by definition, from any two matrix views.
fn naive<T: Number, A: Shape<Index = [usize; 2]>, B: Shape<Index = [usize; 2]>>(
    a: &TensorView<'_, T, A>,
    b: &TensorView<'_, T, B>,
) -> Vec<T> {
    let ([m, k], [k2, n]) = (a.dims(), b.dims());
    assert_eq!(k, k2);
    let mut out = Vec::with_capacity(m * n);
    for i in 0..m {
        for j in 0..n {
            let mut s = T::ZERO;
            for p in 0..k {
                s += a[[i, p]] * b[[p, j]];
            }
            out.push(s);
        }
    }
    out
}

/// `|x - y| <= tol` for every pair.
fn assert_close(got: &[C64], want: &[C64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (k, (x, y)) in got.iter().zip(want).enumerate() {
        assert!(
            (x - y).norm() <= tol,
            "{what}: element {k}: {x} vs {y} (tol {tol:e})"
        );
    }
}

#[test]
fn matmul_equals_the_definition_at_odd_sizes_in_both_precisions() {
    fn check<T: Float>() {
        for &(m, k, n) in &[
            (0, 3, 4),
            (3, 0, 4),
            (3, 4, 0),
            (1, 1, 1),
            (2, 3, 2),
            (5, 7, 3),
            (17, 16, 18),
            (63, 65, 67),
            (67, 63, 65),
        ] {
            let a = dmat::<T>(m, k, 1);
            let b = dmat::<T>(k, n, 2);
            let c = a.matmul(&b);
            assert_eq!(c.dims(), [m, n]);
            assert_eq!(
                c.as_slice(),
                &naive(&a.view(), &b.view())[..],
                "{m}x{k}x{n}"
            );
        }
    }
    check::<f64>();
    check::<f32>();
}

#[test]
fn matmul_of_transposed_and_sliced_views_equals_the_definition() {
    for &(m, k, n) in &[(1, 1, 1), (4, 5, 6), (31, 33, 35), (65, 63, 67)] {
        // A as the transpose of a (K, M) matrix: column-major.
        let at = dmat::<f64>(k, m, 3);
        // B as a window of a larger matrix: rows padded by 5 elements, starting off-origin.
        let big = dmat::<f64>(k + 2, n + 5, 4);
        let b = big.slice((1..k + 1, 2..n + 2));
        let want = naive(&at.t(), &b);
        assert_eq!(at.t().matmul(b).as_slice(), &want[..], "{m}x{k}x{n}");
        // and into a transposed output: C^T = B^T A^T
        let ct = b.t().matmul(&at);
        assert_eq!(
            ct.t().to_tensor().as_slice(),
            &want[..],
            "{m}x{k}x{n} transposed"
        );
    }
}

#[test]
fn small_static_products_equal_the_definition() {
    fn check<const M: usize, const K: usize, const N: usize>() {
        let a: Matrix<C64, M, K> = Tensor::from_vec((Const, Const), gints(M * K, 5)).unwrap();
        let b: Matrix<C64, K, N> = Tensor::from_vec((Const, Const), gints(K * N, 6)).unwrap();
        assert_eq!(a.matmul(&b).as_slice(), &naive(&a.view(), &b.view())[..]);
        assert_eq!(a.t().t().matmul(b.t().t()), a.matmul(&b));
        let x: Vector<C64, K> = Tensor::from_vec((Const,), gints(K, 7)).unwrap();
        let y = a.matvec(&x);
        let xm = x.view().unsqueeze::<1>();
        assert_eq!(y.as_slice(), &naive(&a.view(), &xm)[..]);
    }
    check::<1, 1, 1>();
    check::<2, 3, 4>();
    check::<4, 4, 4>();
    check::<3, 16, 5>();
    check::<16, 16, 17>();
}

#[test]
fn the_conjugate_transpose_of_a_product_is_the_reversed_product_of_conjugate_transposes() {
    for &(m, k, n) in &[(1, 1, 1), (3, 5, 2), (20, 33, 7), (64, 65, 66)] {
        let a = Tensor::from_vec((Dyn(m), Dyn(k)), values(m * k, 8)).unwrap();
        let b = Tensor::from_vec((Dyn(k), Dyn(n)), values(k * n, 9)).unwrap();
        let lhs = a.matmul(&b).h();
        let rhs = b.h().matmul(a.h());
        assert_eq!(lhs.dims(), [n, m]);
        // each element is a sum of k products of moduli below 2
        let tol = 8.0 * k as f64 * f64::EPSILON * 2.0;
        assert_close(lhs.as_slice(), rhs.as_slice(), tol, "(AB)^H vs B^H A^H");
        // and h() is the transpose of the conjugate, which is the conjugate of the transpose
        assert_eq!(a.h(), a.conj().t());
        assert_eq!(a.h().h(), a);
    }
}

#[test]
fn h_of_a_real_matrix_is_its_transpose() {
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    assert_eq!(a.h(), a.t());
    assert_eq!(a.conj(), a);
}

#[test]
fn conj_twice_is_the_identity_and_negates_only_imaginary_parts() {
    let z = Tensor::from_vec((Dyn(40),), values(40, 10)).unwrap();
    let c = z.conj();
    assert_eq!(c.conj(), z);
    assert_eq!(c.re(), z.re());
    assert_eq!(c.im(), z.im().map(|x| -x));
    assert!(
        z.iter().all(|v| v.im != 0.0),
        "the test needs nonzero imaginary parts"
    );
    assert_ne!(c, z);
}

#[test]
fn modulus_squared_is_z_times_its_conjugate() {
    let z = Tensor::from_vec((Dyn(5), Dyn(7)), values(35, 11)).unwrap();
    let p = &z * &z.conj();
    let abs = z.abs();
    for ((q, a), v) in p.iter().zip(abs.iter()).zip(z.iter()) {
        assert_eq!(q.im, 0.0, "z conj(z) is real for {v}");
        assert!((q.re - a * a).abs() <= 4.0 * f64::EPSILON * q.re, "{v}");
    }
    // abs does not overflow where the squares would
    let p600 = 2f64.powi(600);
    let big = Tensor::from_re_im(&tensor![3.0 * p600, 0.0], &tensor![4.0 * p600, -2.5]);
    assert_eq!(big.abs().as_slice(), &[5.0 * p600, 2.5]);
}

#[test]
fn polar_parts_rebuild_the_number() {
    let z = Tensor::from_vec((Dyn(30),), values(30, 12)).unwrap();
    let (r, t) = (z.abs(), z.arg());
    let back = Tensor::from_re_im(
        &r.zip_map(&t, |r, t| r * t.cos()),
        &r.zip_map(&t, |r, t| r * t.sin()),
    );
    assert_close(
        back.as_slice(),
        z.as_slice(),
        4.0 * f64::EPSILON,
        "r e^(i t)",
    );
    assert!(
        t.iter()
            .all(|&x| (-std::f64::consts::PI..=std::f64::consts::PI).contains(&x))
    );
    assert!(
        t.iter().any(|&x| x < -1.6) && t.iter().any(|&x| x > 1.6),
        "all quadrants"
    );
}

#[test]
fn from_re_im_splits_back_into_its_parts_and_checks_shapes() {
    let re = Tensor::from_vec((Dyn(2), Dyn(3)), vec![1., 2., 3., 4., 5., 6.]).unwrap();
    let im = re.map(|x| -2.0 * x);
    let z = Tensor::try_from_re_im(&re, &im).unwrap();
    assert_eq!(z.re(), re);
    assert_eq!(z.im(), im);
    assert_eq!(z[[1, 2]], Complex::new(6., -12.));
    let other = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(3), Dyn(2)));
    let err = Tensor::try_from_re_im(&re, &other).unwrap_err();
    assert!(err.to_string().contains("(2, 3) and (3, 2)"), "{err}");
}

#[test]
fn vdot_conjugates_its_first_argument() {
    let a = Tensor::from_vec((Dyn(3), Dyn(4)), values(12, 13)).unwrap();
    let b = Tensor::from_vec((Dyn(12),), values(12, 14)).unwrap();
    let want: C64 = a.iter().zip(b.iter()).map(|(x, y)| x.conj() * y).sum();
    let got = a.vdot(&b);
    assert!(
        (got - want).norm() <= 16.0 * f64::EPSILON,
        "{got} vs {want}"
    );
    // vdot(b, a) = conj(vdot(a, b)), and vdot(a, a) = ||a||^2 is real
    assert!((b.vdot(&a) - got.conj()).norm() <= 16.0 * f64::EPSILON);
    let aa = a.vdot(&a);
    assert_eq!(aa.im, 0.0);
    let sq: f64 = a.abs().iter().map(|r| r * r).sum();
    assert!((aa.re - sq).abs() <= 16.0 * f64::EPSILON * sq);
    // dot does not conjugate (numpy's dot)
    let x: Vector<C64, 2> = tensor![Complex::new(0., 1.), Complex::new(1., 0.)];
    assert_eq!(x.dot(&x), Complex::new(0., 0.));
    assert_eq!(x.vdot(&x), Complex::new(2., 0.));
    let short = Tensor::from_vec((Dyn(11),), values(11, 15)).unwrap();
    assert!(a.try_vdot(&short).is_err());
}

#[test]
fn elementwise_arithmetic_broadcasts_as_for_real_tensors() {
    let i = Complex::new(0.0, 1.0);
    let a: Matrix<C64, 2, 3> = Tensor::from_vec((Const, Const), gints(6, 16)).unwrap();
    let row: Vector<C64, 3> = Tensor::from_vec((Const,), gints(3, 17)).unwrap();
    let s = &a + &row;
    for r in 0..2 {
        for c in 0..3 {
            assert_eq!(s[[r, c]], a[[r, c]] + row[[c]]);
        }
    }
    assert_eq!(&(&s - &row), &a);
    // i * i = -1, on the left and on the right
    assert_eq!(&(i * &(&a * i)), &-&a);
    let mut m = a.clone();
    m *= i;
    m += &row;
    m -= &row;
    m /= i;
    assert_eq!(m, a);
    // sum and sum_axis add real and imaginary parts separately
    let total = a.sum();
    assert_eq!(total.re, a.re().sum());
    assert_eq!(total.im, a.im().sum());
    assert_eq!(a.sum_axis::<0>().re(), a.re().sum_axis::<0>());
    assert_eq!(Matrix::<C64, 2, 2>::eye().matmul(&a), a);
    // trace, triangles and running sums take complex elements too
    let sq = a.matmul(a.h());
    assert_eq!(sq.trace(), sq.diag(0).sum());
    assert_eq!(
        sq.trace(),
        Complex::new(a.iter().map(|z| z.norm_sqr()).sum(), 0.0)
    );
    assert_eq!(&sq.tril(0) + &sq.triu(1), sq);
    let cs = row.cumsum::<0>();
    assert_eq!(cs[[2]], row.sum());
    assert_eq!(cs.re(), row.re().cumsum::<0>());
}

#[test]
fn einsum_contracts_complex_operands_as_matmul_does() {
    let a = dmat::<f64>(5, 7, 19);
    let b = dmat::<f64>(7, 3, 20);
    let c: Tensor<C64, (Dyn, Dyn)> = shaped::einsum!("ij,jk->ik", a, b);
    assert_eq!(c, a.matmul(&b));
    // the trace of A A^T (no conjugation in einsum, as numpy's)
    let tr = shaped::einsum!("ij,ij->", a, a);
    let want: C64 = a.iter().map(|z| z * z).sum();
    assert_eq!(tr.as_slice(), &[want]);
}

/// The text of complex data (row-major) printed as a tensor of the given sizes.
fn render<T: Float>(dims: &[usize], data: Vec<Complex<T>>) -> String
where
    Complex<T>: shaped::tensor::DisplayElement,
{
    macro_rules! go {
        ($shape:expr) => {
            Tensor::from_vec($shape, data).unwrap().to_string()
        };
    }
    match *dims {
        [] => go!(()),
        [a] => go!((Dyn(a),)),
        [a, b] => go!((Dyn(a), Dyn(b))),
        [a, b, c] => go!((Dyn(a), Dyn(b), Dyn(c))),
        _ => panic!("rank {} not in the test", dims.len()),
    }
}

#[test]
fn complex_tensors_print_as_numpy_prints_them() {
    let text = include_str!("../fixtures/numpy_display_complex.json");
    let cases: Vec<Value> = serde_json::from_str(text).unwrap();
    assert!(cases.len() >= 60);
    let part = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let dims: Vec<usize> = case["shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap() as usize)
            .collect();
        let pairs: Vec<(f64, f64)> = case["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (part(&p[0]), part(&p[1])))
            .collect();
        let got = match case["dtype"].as_str().unwrap() {
            "complex128" => render(
                &dims,
                pairs.iter().map(|&(r, i)| Complex::new(r, i)).collect(),
            ),
            // the fixture holds the f32 parts widened to f64 (exactly)
            "complex64" => render(
                &dims,
                pairs
                    .iter()
                    .map(|&(r, i)| Complex::new(r as f32, i as f32))
                    .collect(),
            ),
            other => panic!("dtype {other} not in the test"),
        };
        let want = case["expected"].as_str().unwrap();
        if got != want {
            failures.push(format!("{}:\n got  {got:?}\n want {want:?}", case["name"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn f32_prints_in_scientific_notation_from_1e6_as_numpy_2() {
    // numpy 2.4: str(np.array([1e6, 2e5], dtype=np.float32)) and the same in float64
    let x: Vector<f32, 2> = tensor![1e6, 2e5];
    assert_eq!(x.to_string(), "[1.e+06 2.e+05]");
    let y: Vector<f64, 2> = tensor![1e6, 2e5];
    assert_eq!(y.to_string(), "[1000000.  200000.]");
}

#[test]
fn npy_files_of_numpy_read_and_write_back_byte_for_byte() {
    let c16 = include_bytes!("../fixtures/npy/c16_2x3.npy");
    let z = Tensor::<C64, (Dyn, Dyn)>::from_npy_bytes(c16).unwrap();
    assert_eq!(z.dims(), [2, 3]);
    // numpy made it as (arange(6) / 4 - 0.5) * (1 - 2j) + 0.25j
    for (k, v) in z.iter().enumerate() {
        let x = k as f64 / 4.0 - 0.5;
        assert_eq!(*v, Complex::new(x, -2.0 * x + 0.25));
    }
    assert_eq!(z.to_npy_bytes(), c16);
    // the same data in Fortran order read back in row-major order
    let f = include_bytes!("../fixtures/npy/c16_fortran_2x3.npy");
    assert_eq!(Tensor::<C64, (Dyn, Dyn)>::from_npy_bytes(f).unwrap(), z);

    let c8 = include_bytes!("../fixtures/npy/c8_3.npy");
    let w = Vector::<Complex<f32>, 3>::from_npy_bytes(c8).unwrap();
    assert_eq!(
        w.as_slice(),
        &[
            Complex::new(1.5, -2.0),
            Complex::new(-0.25, 0.0),
            Complex::new(1e-3, 3.5)
        ]
    );
    assert_eq!(w.to_npy_bytes(), c8);

    // the precisions do not mix, and real data are not complex
    let e = Tensor::<C64, (Dyn,)>::from_npy_bytes(c8).unwrap_err();
    assert!(e.to_string().contains("Complex<f32>"), "{e}");
    let e = Tensor::<f64, (Dyn, Dyn)>::from_npy_bytes(c16).unwrap_err();
    assert!(e.to_string().contains("Complex<f64>"), "{e}");
    // a truncated file is an error, not a panic
    assert!(Tensor::<C64, (Dyn, Dyn)>::from_npy_bytes(&c16[..c16.len() - 8]).is_err());
}

#[test]
fn npy_round_trips_empty_and_non_contiguous_tensors() {
    let empty = Tensor::<Complex<f32>, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    let back = Tensor::<Complex<f32>, (Dyn, Dyn)>::from_npy_bytes(&empty.to_npy_bytes()).unwrap();
    assert_eq!(back.dims(), [0, 3]);
    let a = dmat::<f64>(3, 4, 18);
    let bytes = a.t().to_npy_bytes();
    let back = Tensor::<C64, (Dyn, Dyn)>::from_npy_bytes(&bytes).unwrap();
    assert_eq!(back, a.t());
}
