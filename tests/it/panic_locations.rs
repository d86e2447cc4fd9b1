//! Every panicking form points at the user's line (`#[track_caller]` all the way down, issue
//! 15 item 4): one case per family, each checked against the line of the call.
//!
//! A family is a set of methods that panic through the same path: indexing, elementwise
//! operators and their assignment forms, products, reductions of empty input, shape ops and
//! views, the panicking twins of linalg (`det`, `slogdet`, `matrix_rank`), PCA's transforms,
//! norms and similarities, the linear operators (`Csr`, `Diagonal`, `BlockDiagonal`,
//! `Toeplitz`, `Circulant`), convolution, and `einsum!`.

use crate::panics::catch_quiet;
use shaped::sparse::Csr;
use shaped::structured::{
    BlockDiagonal, Circulant, Diagonal, Method, Toeplitz, convolve_full, convolve_same,
    convolve_valid,
};
use shaped::{Const, Dyn, LinearOperator, Tensor, einsum};

type M = Tensor<f64, (Dyn, Dyn)>;
type V = Tensor<f64, (Dyn,)>;

fn m(r: usize, c: usize) -> M {
    Tensor::from_fn_with((Dyn(r), Dyn(c)), |[i, j]| (i * c + j) as f64 + 1.0)
}

fn v(n: usize) -> V {
    Tensor::from_fn_with((Dyn(n),), |[i]| i as f64 + 1.0)
}

/// Asserts that `$e` panics and that the panic is reported at this line (the macro's call:
/// keep each call on one line).
macro_rules! panics_here {
    ($e:expr) => {{
        let (r, at) = catch_quiet(|| {
            let _ = $e;
        });
        assert!(r.is_err(), "no panic: {}", stringify!($e));
        let want = format!("{}:{}", file!(), line!());
        assert_eq!(at.as_deref(), Some(want.as_str()), "{}", stringify!($e));
    }};
}

#[test]
fn indexing() {
    let (a, mut b) = (m(2, 3), m(2, 3));
    panics_here!(a[[2, 0]]);
    panics_here!(a.view()[[0, 3]]);
    panics_here!(b[[5, 5]] = 1.0);
    panics_here!(b.view_mut()[[5, 5]] = 1.0);
}

#[test]
fn elementwise_operators() {
    let (a, b) = (m(2, 3), m(3, 2));
    panics_here!(&a + &b);
    panics_here!(&a - &b);
    panics_here!(&a * &b);
    panics_here!(&a / b.view());
    panics_here!(a.clone() + &b);
    panics_here!(a.zip_map(&b, |x, y| x + y));
    let mut c = a.clone();
    panics_here!(c += &b);
    panics_here!(c.view_mut().assign(&b));
}

#[test]
fn products() {
    let (a, b) = (m(2, 3), m(2, 3));
    panics_here!(a.matmul(&b));
    panics_here!(a.matvec(v(2)));
    panics_here!(v(2).dot(&v(3)));
    let mut out = m(2, 2);
    panics_here!(shaped::ops::matmul::matmul_into(&a, &b, &mut out));
}

#[test]
fn reductions_of_empty_input() {
    let e = v(0);
    panics_here!(e.max());
    panics_here!(e.min());
    panics_here!(e.argmax());
    panics_here!(e.argmin());
    let e = m(0, 2);
    panics_here!(e.max_axis::<0>());
    panics_here!(e.argmax_axis::<0>());
}

#[test]
fn shape_ops_and_views() {
    let a = m(2, 3);
    panics_here!(a.clone().reshape_with((Dyn(4), Dyn(2))));
    panics_here!(a.concat::<0, _>(&m(1, 4)));
    panics_here!(a.slice_axis::<1>(2..5));
    panics_here!(a.narrow::<1, 3>(1));
    panics_here!(a.select::<0>(2));
    panics_here!(a.row(2));
    panics_here!(a.view().col(3));
}

#[test]
fn linalg_twins() {
    let a = m(2, 3);
    panics_here!(a.det());
    panics_here!(a.slogdet());
    let mut n = m(2, 2);
    n[[0, 0]] = f64::NAN;
    panics_here!(n.matrix_rank());
    panics_here!(n.matrix_rank_with(1e-3));
}

#[test]
fn pca_norms_similarity() {
    let x = m(5, 3);
    let p = x.pca_dyn(2).unwrap();
    panics_here!(p.transform(&m(2, 4)));
    panics_here!(p.inverse_transform(&m(2, 3)));
    panics_here!(m(2, 3).cosine_similarity(&m(2, 4), 1e-12));
}

#[test]
fn linear_operators() {
    let x = v(5);
    let csr = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(2), Dyn(3)), &[(0, 0, 1.0)]).unwrap();
    panics_here!(csr.matvec(&x));
    panics_here!(LinearOperator::matvec(&csr, &x));
    panics_here!(csr.matmul(&m(4, 2)));
    panics_here!(Diagonal::new(&v(3)).matvec(&x));
    panics_here!(BlockDiagonal::new(vec![m(2, 2)]).matvec(&x));
    let t = Toeplitz::new(&v(2), &v(3)).unwrap();
    panics_here!(t.matvec(&x));
    panics_here!(t.matvec_with(&x, Method::Fft));
    let c = Circulant::new(&v(3));
    panics_here!(c.matvec(&x));
    panics_here!(c.matvec_with(&x, Method::Direct));
}

#[test]
fn convolution() {
    let (e, x) = (v(0), v(3));
    panics_here!(convolve_full(&e, &x));
    panics_here!(convolve_valid(&x, &e));
    panics_here!(convolve_same(&e, &e));
}

#[test]
fn einsum_macro() {
    let (a, b) = (m(2, 3), m(4, 2));
    panics_here!(einsum!("ij,jk->ik", a, b));
    let s = Tensor::<f64, (Const<2>, Dyn)>::zeros_with((Const, Dyn(3)));
    panics_here!(einsum!("ij,jk->ik", s, b));
}
