//! Matrix products: every combination of tensors and views, static and dynamic dims, the small
//! static path and the matrixmultiply path, batches with broadcasting, integers, and the
//! run-time errors. Data are small integers, so every product is exact and compared with `==`.

use shaped::{
    AnyDim, Const, Dyn, Matrix, One, Scalar, Shape, Tensor, TensorView, TensorViewMut, Vector,
    tensor,
};

/// Deterministic small integers in -4..=4, as any scalar type.
fn ints<T: Scalar + From<i8>>(n: usize, seed: u64) -> Vec<T> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            T::from((x % 9) as i8 - 4)
        })
        .collect()
}

fn mat<T: Scalar + From<i8>, S: Shape<Index = [usize; 2]>>(shape: S, seed: u64) -> Tensor<T, S> {
    Tensor::from_vec(shape, ints(shape.numel(), seed)).unwrap()
}

/// The product by definition, from any two matrix views.
fn reference<T: Scalar, A: Shape<Index = [usize; 2]>, B: Shape<Index = [usize; 2]>>(
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

#[test]
fn static_products_match_the_definition_from_1x1_to_past_the_small_threshold() {
    fn check<const M: usize, const K: usize, const N: usize>() {
        let a: Matrix<f64, M, K> = mat((Const, Const), 1);
        let b: Matrix<f64, K, N> = mat((Const, Const), 2);
        let want = reference(&a.view(), &b.view());
        let c: Matrix<f64, M, N> = a.matmul(&b);
        assert_eq!(c.as_slice(), &want[..], "{M}x{K}x{N}");
        let mut out = Matrix::<f64, M, N>::full(f64::NAN);
        a.matmul_into(&b, &mut out);
        assert_eq!(out.as_slice(), &want[..]);
        // f32 on the same data (exact: small integers)
        let af: Matrix<f32, M, K> = mat((Const, Const), 1);
        let bf: Matrix<f32, K, N> = mat((Const, Const), 2);
        let cf = af.matmul(bf.view());
        let wantf: Vec<f32> = want.iter().map(|&x| x as f32).collect();
        assert_eq!(cf.as_slice(), &wantf[..]);
        let mut outf = Matrix::<f32, M, N>::full(f32::NAN);
        af.matmul_into(&bf, &mut outf);
        assert_eq!(outf.as_slice(), &wantf[..], "{M}x{K}x{N} f32 into");
        // a transposed right operand: (N, K).t() through the same path
        let bt: Matrix<f64, N, K> = b.t().to_tensor();
        assert_eq!(a.matmul(bt.t()).as_slice(), &want[..]);
    }
    check::<1, 1, 1>();
    check::<2, 2, 2>();
    check::<3, 3, 3>();
    check::<4, 4, 4>();
    check::<2, 5, 3>();
    // rows of C formed one at a time (4 x f32, and f64 on the baseline build of a new
    // tensor), a K of 1, and C rows as wide as a 256-bit register (the AVX2 build into a
    // buffer)
    check::<3, 2, 4>();
    check::<4, 1, 4>();
    check::<2, 4, 8>();
    check::<1, 4, 16>();
    check::<4, 3, 2>();
    // f32 rows of 4 columns with K a multiple of 4: the SSE2 path on x86-64 (one row of A
    // per load), every M it serves and K up to the inline limit
    check::<1, 4, 4>();
    check::<3, 4, 4>();
    check::<2, 8, 4>();
    check::<1, 12, 4>();
    check::<1, 16, 4>();
    check::<8, 8, 8>();
    check::<16, 16, 16>();
    check::<17, 16, 16>();
    check::<32, 32, 32>();
    check::<63, 65, 67>();
}

/// Tiny f32 products on fractional data give the same bits as the definition summed in the
/// order of p (the SSE2 rows of 4 columns and the plain loops alike), new or into a buffer,
/// and a chain of them stays equal to the chain by definition.
#[test]
fn tiny_f32_products_sum_in_the_order_of_p() {
    fn frac(n: usize, seed: u64) -> Vec<f32> {
        ints::<f64>(n, seed)
            .iter()
            .enumerate()
            .map(|(i, &x)| (x as f32 + 0.1) / (1.0 + i as f32 * 0.37))
            .collect()
    }
    fn check<const M: usize, const K: usize>() {
        let a = Matrix::<f32, M, K>::from_vec((Const, Const), frac(M * K, 3)).unwrap();
        let mut x = Matrix::<f32, K, 4>::from_vec((Const, Const), frac(K * 4, 5)).unwrap();
        let bs: Vec<Matrix<f32, 4, 4>> = (0..3)
            .map(|s| Matrix::from_vec((Const, Const), frac(16, 7 + s)).unwrap())
            .collect();
        let by_definition = |a: &[f32], b: &[f32], m: usize, k: usize| -> Vec<f32> {
            let mut out = vec![0.0f32; m * 4];
            for i in 0..m {
                for j in 0..4 {
                    let mut s = a[i * k] * b[j];
                    for p in 1..k {
                        s += a[i * k + p] * b[p * 4 + j];
                    }
                    out[i * 4 + j] = s;
                }
            }
            out
        };
        let want = by_definition(a.as_slice(), x.as_slice(), M, K);
        assert_eq!(a.matmul(&x).as_slice(), &want[..], "{M}x{K}x4");
        let mut out = Matrix::<f32, M, 4>::full(f32::NAN);
        a.matmul_into(&x, &mut out);
        assert_eq!(out.as_slice(), &want[..], "{M}x{K}x4 into");
        // a chain x <- x B (K x 4 times 4 x 4) against the same chain by definition
        let mut want = x.as_slice().to_vec();
        let mut y = x.clone();
        for b in bs.iter().cycle().take(7) {
            want = by_definition(&want, b.as_slice(), K, 4);
            x.matmul_into(b, &mut y);
            core::mem::swap(&mut x, &mut y);
            assert_eq!(x.as_slice(), &want[..], "chain {K}x4");
        }
    }
    // 2 x 2 by 2 x 2, new tensors along a chain (one register on x86-64) and into a buffer
    let bs: Vec<Matrix<f32, 2, 2>> = (0..3)
        .map(|s| Matrix::from_vec((Const, Const), frac(4, 11 + s)).unwrap())
        .collect();
    let mut x = Matrix::<f32, 2, 2>::from_vec((Const, Const), frac(4, 9)).unwrap();
    let mut want = x.as_slice().to_vec();
    for b in bs.iter().cycle().take(7) {
        let d = b.as_slice();
        want = (0..4)
            .map(|e| {
                let (i, j) = (e / 2, e % 2);
                want[2 * i] * d[j] + want[2 * i + 1] * d[2 + j]
            })
            .collect();
        let mut into = Matrix::<f32, 2, 2>::zeros();
        x.matmul_into(b, &mut into);
        x = x.matmul(b);
        assert_eq!(x.as_slice(), &want[..], "2x2 chain");
        assert_eq!(into, x);
    }
    check::<1, 4>();
    check::<2, 4>();
    check::<4, 4>();
    check::<2, 8>();
    check::<1, 16>();
    check::<3, 3>();
    check::<2, 2>();
}

#[test]
fn odd_dynamic_sizes_transposed_and_strided_operands() {
    for &(m, k, n) in &[
        (63, 65, 67),
        (65, 67, 63),
        (67, 63, 65),
        (1, 1, 1),
        (1, 70, 1),
        (70, 1, 70),
    ] {
        let a: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(m), Dyn(k)), 3);
        let b: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(k), Dyn(n)), 4);
        let want = reference(&a.view(), &b.view());
        assert_eq!(a.matmul(&b).as_slice(), &want[..]);
        // both operands transposed views of their transposes
        let at = a.t().to_tensor();
        let bt = b.t().to_tensor();
        assert_eq!(at.t().matmul(bt.t()).as_slice(), &want[..]);
        // non-contiguous views: every other column of a wider matrix, rows of a taller one
        let wide: Tensor<f64, (Dyn, Dyn)> = Tensor::from_fn_with((Dyn(m), Dyn(2 * k)), |[i, j]| {
            if j % 2 == 0 { a[[i, j / 2]] } else { f64::NAN }
        });
        let strided =
            TensorView::from_slice_strided(wide.as_slice(), (Dyn(m), Dyn(k)), [2 * k, 2]).unwrap();
        assert!(!strided.is_standard_layout() || k == 1);
        assert_eq!(strided.matmul(&b).as_slice(), &want[..]);
        let tall: Tensor<f64, (Dyn, Dyn)> = Tensor::from_fn_with((Dyn(k + 3), Dyn(n)), |[i, j]| {
            if i >= 3 { b[[i - 3, j]] } else { f64::NAN }
        });
        assert_eq!(
            a.matmul(tall.slice_axis::<0>(3..k + 3)).as_slice(),
            &want[..]
        );
        // into a padded output view: the padding is not touched
        let mut buf = vec![-7.0; m * (n + 2)];
        let mut out =
            TensorViewMut::from_slice_strided(&mut buf, (Dyn(m), Dyn(n)), [n + 2, 1]).unwrap();
        a.matmul_into(&b, &mut out);
        for i in 0..m {
            assert_eq!(
                &buf[i * (n + 2)..i * (n + 2) + n],
                &want[i * n..(i + 1) * n]
            );
            assert_eq!(&buf[i * (n + 2) + n..(i + 1) * (n + 2)], &[-7.0, -7.0]);
        }
    }
}

#[test]
fn empty_dims_give_empty_or_zero_products() {
    let a = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(0), Const));
    let b = Matrix::<f64, 3, 4>::ones();
    assert_eq!(a.matmul(&b).dims(), [0, 4]);
    // K = 0: the sum of nothing is zero, whatever the output held before
    let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(0)));
    let b = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    let mut out = Tensor::<f64, (Dyn, Dyn)>::full_with((Dyn(2), Dyn(3)), f64::NAN);
    a.matmul_into(&b, &mut out);
    assert_eq!(out.as_slice(), &[0.0; 6]);
    let ai = Tensor::<i32, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(0)));
    let bi = Tensor::<i32, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    assert_eq!(ai.matmul(&bi).as_slice(), &[0; 6]);
    let m0 = Matrix::<f32, 2, 0>::zeros();
    let z: Matrix<f32, 2, 2> = m0.matmul(m0.t());
    assert_eq!(z.as_slice(), &[0.0; 4]);
}

#[test]
fn const_and_dyn_dims_mix_through_inner_dim() {
    let a: Tensor<f64, (Dyn, Const<3>)> = mat((Dyn(5), Const), 5);
    let b: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(3), Dyn(2)), 6);
    let c: Tensor<f64, (Dyn, Dyn)> = a.matmul(&b);
    assert_eq!(c.as_slice(), &reference(&a.view(), &b.view())[..]);
    let s: Matrix<f64, 3, 4> = mat((Const, Const), 7);
    let d: Tensor<f64, (Dyn, Const<4>)> = a.matmul(&s);
    assert_eq!(d.as_slice(), &reference(&a.view(), &s.view())[..]);
    // a Dyn inner dim against a static one is checked at run time
    let e: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(2), Dyn(3)), 8);
    let f: Tensor<f64, (Const<2>, Dyn)> = e.matmul(&s).try_into_shape().unwrap();
    assert_eq!(f.dims(), [2, 4]);
    let bad: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(2), Dyn(4)), 8);
    let err = bad.try_matmul(&s).unwrap_err();
    assert_eq!(
        err.to_string(),
        "matmul: lhs (2, 4) has 4 columns but rhs (3, 4) has 3 rows"
    );
    assert_eq!(err.lhs(), &[2, 4]);
    assert_eq!(err.rhs(), Some(&[3, 4][..]));
}

#[test]
fn integer_products_use_the_loop_and_are_exact() {
    let a: Matrix<i64, 3, 2> = tensor![[1, 2], [3, 4], [5, 6]];
    let b: Matrix<i64, 2, 3> = tensor![[1, 0, -1], [2, 1, 0]];
    assert_eq!(a.matmul(&b).as_slice(), &[5, 2, -1, 11, 4, -3, 17, 6, -5]);
    let big: Tensor<i32, (Dyn, Dyn)> = mat((Dyn(40), Dyn(33)), 9);
    let big2: Tensor<i32, (Dyn, Dyn)> = mat((Dyn(33), Dyn(41)), 10);
    assert_eq!(
        big.matmul(&big2).as_slice(),
        &reference(&big.view(), &big2.view())[..]
    );
    let u: Matrix<u8, 2, 2> = tensor![[1, 2], [3, 4]];
    assert_eq!(u.matmul(&u).as_slice(), &[7, 10, 15, 22]);
}

#[test]
fn nan_and_infinity_propagate_on_both_paths() {
    let a: Matrix<f64, 2, 2> = tensor![[f64::NAN, 0.0], [1.0, 1.0]];
    let b: Matrix<f64, 2, 2> = tensor![[1.0, 1.0], [f64::INFINITY, 1.0]];
    let c = a.matmul(&b);
    assert!(c[[0, 0]].is_nan() && c[[0, 1]].is_nan());
    assert_eq!(c[[1, 0]], f64::INFINITY);
    let ad = a.clone().into_dyn();
    let cd = ad.matmul(b.clone().into_dyn());
    assert!(cd[[0, 0]].is_nan() && cd[[0, 1]].is_nan());
    assert_eq!(cd[[1, 0]], f64::INFINITY);
}

/// The batched products as numpy.matmul: each batch equals the 2-D product of its slices.
fn check_batched<
    T: Scalar,
    S1: Shape<Index = [usize; 3]>,
    S2: Shape<Index = [usize; 3]>,
    O: Shape<Index = [usize; 3]>,
>(
    a: &Tensor<T, S1>,
    b: &Tensor<T, S2>,
    c: &Tensor<T, O>,
) {
    let ([ba, ..], [bb, ..], [bc, m, n]) = (a.dims(), b.dims(), c.dims());
    let d3 = |d: [usize; 3]| (Dyn(d[0]), Dyn(d[1]), Dyn(d[2]));
    let a = Tensor::from_vec(d3(a.dims()), a.as_slice().to_vec()).unwrap();
    let b = Tensor::from_vec(d3(b.dims()), b.as_slice().to_vec()).unwrap();
    let c = Tensor::from_vec(d3(c.dims()), c.as_slice().to_vec()).unwrap();
    for i in 0..bc {
        let ai = a.select::<0>(if ba == 1 { 0 } else { i });
        let bi = b.select::<0>(if bb == 1 { 0 } else { i });
        let ci = c.select::<0>(i);
        let want = reference(&ai, &bi);
        assert_eq!(ci.to_tensor().as_slice(), &want[..], "batch {i}");
        assert_eq!(ci.dims(), [m, n]);
    }
}

#[test]
fn batched_products_broadcast_the_batch_dim() {
    let a =
        Tensor::<f64, (Const<4>, Const<2>, Const<3>)>::from_vec(Default::default(), ints(24, 11))
            .unwrap();
    let b =
        Tensor::<f64, (Const<4>, Const<3>, Const<5>)>::from_vec(Default::default(), ints(60, 12))
            .unwrap();
    let c = a.matmul(&b);
    let _: &Tensor<f64, (Const<4>, Const<2>, Const<5>)> = &c;
    check_batched(&a, &b, &c);
    // a One batch stretches (statically)
    let one = Tensor::<f64, (One, Const<3>, Const<5>)>::from_vec(Default::default(), ints(15, 13))
        .unwrap();
    let c1: Tensor<f64, (Const<4>, Const<2>, Const<5>)> = a.matmul(&one);
    check_batched(&a, &one, &c1);
    let c2: Tensor<f64, (Const<4>, Const<5>, Const<2>)> = one.t_batch().matmul(a.t_batch());
    check_batched(&one.t_batch().to_tensor(), &a.t_batch().to_tensor(), &c2);
    // a 2-D operand against a 3-D one, both sides
    let m2: Matrix<f64, 3, 5> = mat((Const, Const), 14);
    let c3: Tensor<f64, (Const<4>, Const<2>, Const<5>)> = a.matmul(&m2);
    let m2b = m2.clone().reshape::<(One, Const<3>, Const<5>)>();
    check_batched(&a, &m2b, &c3);
    let l2: Matrix<f64, 2, 3> = mat((Const, Const), 15);
    let c4: Tensor<f64, (Const<4>, Const<2>, Const<5>)> = l2.matmul(&b);
    check_batched(&l2.clone().reshape::<(One, Const<2>, Const<3>)>(), &b, &c4);
    // Dyn batches: a Dyn of size 1 stretches at run time
    let ad = a.clone().into_dyn();
    let od =
        Tensor::<f64, (Dyn, Dyn, Dyn)>::from_vec((Dyn(1), Dyn(3), Dyn(5)), ints(15, 13)).unwrap();
    let cd = ad.matmul(&od);
    assert_eq!(cd.dims(), [4, 2, 5]);
    check_batched(&ad, &od, &cd);
    // batched matmul_into, and a large batched product on the matrixmultiply path
    let mut out = Tensor::<f64, (Dyn, Dyn, Dyn)>::zeros_with((Dyn(4), Dyn(2), Dyn(5)));
    ad.matmul_into(&od, &mut out);
    assert_eq!(out, cd);
    let x = Tensor::<f32, (Dyn, Dyn, Dyn)>::from_vec((Dyn(3), Dyn(40), Dyn(50)), ints(6000, 16))
        .unwrap();
    let y = Tensor::<f32, (Dyn, Dyn, Dyn)>::from_vec((Dyn(3), Dyn(50), Dyn(30)), ints(4500, 17))
        .unwrap();
    check_batched(&x, &y, &x.matmul(&y));
}

/// The batch-transposed view (B, M, K) -> (B, K, M), for the tests above.
trait TBatch<T, A: AnyDim, B: AnyDim, C: AnyDim> {
    fn t_batch(&self) -> TensorView<'_, T, (A, C, B)>;
}
impl<T, A: AnyDim, B: AnyDim, C: AnyDim> TBatch<T, A, B, C> for Tensor<T, (A, B, C)> {
    fn t_batch(&self) -> TensorView<'_, T, (A, C, B)> {
        self.permute::<shaped::Axes3<0, 2, 1>>()
    }
}

#[test]
fn batch_mismatches_are_errors_naming_both_shapes() {
    let a = Tensor::<f64, (Dyn, Dyn, Dyn)>::zeros_with((Dyn(4), Dyn(2), Dyn(3)));
    let b = Tensor::<f64, (Dyn, Dyn, Dyn)>::zeros_with((Dyn(5), Dyn(3), Dyn(2)));
    let err = a.try_matmul(&b).unwrap_err();
    assert_eq!(
        err.to_string(),
        "matmul: the batch dims of lhs (4, 2, 3) and rhs (5, 3, 2) differ (4 vs 5) and neither is 1"
    );
    // a Const<1> batch does not stretch: the type cannot hold the broadcast size
    let c1 = Tensor::<f64, (Const<1>, Dyn, Dyn)>::zeros_with((Const, Dyn(3), Dyn(2)));
    let err = a.try_matmul(&c1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "matmul: lhs (4, 2, 3) and rhs (1, 3, 2) give a product of shape (4, 2, 2), which the output type (1, _, _) cannot hold (only `One` batch dims stretch)"
    );
}

#[test]
#[should_panic(expected = "matmul: lhs (2, 3) has 3 columns but rhs (4, 2) has 4 rows")]
fn dyn_inner_mismatch_panics_naming_both_shapes() {
    let a = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    let b = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(4), Dyn(2)));
    let _ = a.matmul(&b);
}

#[test]
fn panics_point_at_the_callers_line() {
    let a = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    let x = Tensor::<f32, (Dyn,)>::zeros_with((Dyn(2),));
    let line = line!() + 1;
    let (r, at) = crate::panics::catch_quiet(|| a.matvec(&x));
    assert!(r.is_err());
    assert_eq!(at.unwrap(), format!("{}:{line}", file!()));
}

#[test]
fn matmul_into_checks_the_output_and_handles_aliasing_views() {
    let a: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(2), Dyn(3)), 18);
    let b: Tensor<f64, (Dyn, Dyn)> = mat((Dyn(3), Dyn(4)), 19);
    let mut wrong = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    let err = a.try_matmul_into(&b, &mut wrong).unwrap_err();
    assert_eq!(
        err.to_string(),
        "matmul_into: out has shape (2, 3) but the product of lhs (2, 3) and rhs (3, 4) has shape (2, 4)"
    );
    // an output whose rows alias (row stride 0): each row receives the product's rows in
    // turn, as element-by-element assignment would leave it: the last row wins
    let want = reference(&a.view(), &b.view());
    let mut buf = vec![0.0; 4];
    let mut out = TensorViewMut::from_slice_strided(&mut buf, (Dyn(2), Dyn(4)), [0, 1]).unwrap();
    a.matmul_into(&b, &mut out);
    assert_eq!(&buf[..], &want[4..]);
    // views as left operand and as output, mutable views as operands
    let mut acc = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(4)));
    let mut bm = b.clone();
    a.view().matmul_into(bm.view_mut(), acc.view_mut());
    assert_eq!(acc.as_slice(), &want[..]);
    assert_eq!(bm, b);
}

#[test]
fn matvec_and_outer() {
    let a: Matrix<f64, 3, 2> = tensor![[1., 2.], [3., 4.], [5., 6.]];
    let x: Vector<f64, 2> = tensor![1., -1.];
    assert_eq!(a.matvec(&x).as_slice(), &[-1., -1., -1.]);
    assert_eq!(a.t().matvec(tensor![1., 1., 1.]).as_slice(), &[9., 12.]);
    let mut y = Vector::<f64, 3>::zeros();
    a.matvec_into(x.view(), &mut y);
    assert_eq!(y.as_slice(), &[-1., -1., -1.]);
    // a strided vector (a column of a matrix) and a large Dyn case on matrixmultiply
    assert_eq!(a.t().matvec(a.col(1)).as_slice(), &[44., 56.]);
    let big: Tensor<f32, (Dyn, Dyn)> = mat((Dyn(70), Dyn(65)), 20);
    let v = Tensor::<f32, (Dyn,)>::from_vec((Dyn(65),), ints(65, 21)).unwrap();
    let col = v.clone().reshape_with((Dyn(65), Dyn(1)));
    assert_eq!(
        big.matvec(&v).as_slice(),
        &reference(&big.view(), &col.view())[..]
    );
    let err = big
        .try_matvec(Tensor::<f32, (Dyn,)>::zeros_with((Dyn(3),)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "matvec: matrix (70, 65) has 65 columns but vector (3,) has 3 elements"
    );
    let mut short = Tensor::<f32, (Dyn,)>::zeros_with((Dyn(3),));
    assert!(big.try_matvec_into(&v, &mut short).is_err());
    let ai: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
    assert_eq!(ai.matvec(tensor![1, 1]).as_slice(), &[3, 7]);

    let p: Vector<i32, 3> = tensor![1, 2, 3];
    let q = Tensor::<i32, (Dyn,)>::from_vec((Dyn(2),), vec![10, -1]).unwrap();
    let o: Tensor<i32, (Const<3>, Dyn)> = p.outer(&q);
    assert_eq!(o.as_slice(), &[10, -1, 20, -2, 30, -3]);
    assert_eq!(p.outer(p.view()).dims(), [3, 3]);
    let e = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    assert_eq!(e.outer(&x).dims(), [0, 2]);
}

#[test]
fn small_static_results_stay_off_the_heap() {
    let a = Matrix::<f32, 4, 4>::eye();
    let b: Matrix<f32, 4, 4> = mat((Const, Const), 22);
    let c = a.matmul(&b);
    assert!(c.is_inline());
    assert_eq!(c, b);
}
