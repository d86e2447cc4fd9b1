//! einsum!: typed contractions checked against hand-written loops.

use shaped::einsum::{Operand, einsum_dyn, plan};
use shaped::{
    AsView, Axes3, Const, Dyn, Matrix, One, Tensor, Tensor3, Vector, einsum, tensor, try_einsum,
};

fn seq<S: shaped::Shape>(shape: S) -> Tensor<f64, S> {
    let mut k = 0.0;
    Tensor::from_fn_with(shape, |_| {
        k += 1.0;
        (k * 0.37f64).sin()
    })
}

#[test]
fn matmul_shaped() {
    let a = seq((Const::<3>, Const::<4>));
    let b = seq((Const::<4>, Const::<5>));
    let c: Matrix<f64, 3, 5> = einsum!("ij,jk->ik", a, b);
    for i in 0..3 {
        for k in 0..5 {
            let e: f64 = (0..4).map(|j| a[[i, j]] * b[[j, k]]).sum();
            assert!((c[[i, k]] - e).abs() < 1e-12);
        }
    }
    let c2 = einsum!("ij,jk", &a, b.view());
    assert_eq!(c2.as_slice(), c.as_slice());
    let ct = einsum!("ij,jk->ki", a, b);
    assert_eq!(ct.dims(), [5, 3]);
    assert_eq!(ct[[4, 2]], c[[2, 4]]);
}

#[test]
fn trace_diag_ellipsis() {
    let m: Matrix<f64, 3, 3> = tensor![[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]];
    let d: Vector<f64, 3> = einsum!("ii->i", m);
    assert_eq!(d.as_slice(), &[1., 5., 9.]);
    let t = einsum!("ii->", m);
    assert_eq!(t.as_slice(), &[15.]);
    let x = seq((Dyn(2), Const::<3>, Const::<4>));
    let y = seq((Const::<4>,));
    let z = einsum!("...k,k->...", x, y);
    assert_eq!(z.dims(), [2, 3]);
    let w = einsum!("bik,k->bi", x, y);
    assert_eq!(z.as_slice(), w.as_slice());
    let p = x.permute::<Axes3<0, 2, 1>>();
    let q: Tensor3<f64, 2, 2, 2> = Tensor3::zeros();
    let _ = q;
    let r = einsum!("bki,k->bi", p, y);
    assert_eq!(r.as_slice(), w.as_slice());
}

#[test]
fn one_broadcasts_and_dyn_errors() {
    let a = seq((One, Const::<3>));
    let b = seq((Const::<4>, Const::<3>));
    let c = einsum!("ij,ij->ij", a, b);
    assert_eq!(c.dims(), [4, 3]);
    let x = seq((Dyn(3),));
    let y = seq((Dyn(4),));
    let e = try_einsum!("i,i->", x, y).unwrap_err();
    assert!(e.to_string().contains("index `i`"), "{e}");
}

#[test]
fn dyn_and_plan() {
    let a = seq((Const::<2>, Const::<3>)).into_dyn();
    let out = einsum_dyn(
        "ij,kj->ik",
        &[Operand::new(a.view()), Operand::new(a.view())],
    )
    .unwrap();
    assert_eq!(out.dims, vec![2, 2]);
    let p = plan("ab,bc,cd->ad", &[&[1000, 2], &[2, 1000], &[1000, 2]]).unwrap();
    assert_eq!(p.steps, vec![(1, 2), (0, 1)]);
}
