//! The numpy-for-ML ops build with static shapes (so their const checks run): topk with K at
//! the axis length, stack, take, slices, masks.
use shaped::{Const, Matrix, Span, Tensor, Vector, where_};

pub fn main() {
    let x = Matrix::<f64, 3, 4>::from_fn(|[i, j]| (i * 4 + j) as f64);
    let (v, i) = x.topk::<1, 4>();
    let _: (
        Tensor<f64, (Const<3>, Const<4>)>,
        Tensor<usize, (Const<3>, Const<4>)>,
    ) = (v, i);
    let s: Tensor<f64, (Const<2>, Const<3>, Const<4>)> = Tensor::stack::<0, _>(&[&x, &x]);
    assert_eq!(s.dims(), [2, 3, 4]);
    let idx: Vector<usize, 2> = Vector::from_fn(|[k]| k);
    let t: Matrix<f64, 2, 4> = x.take::<0, _>(&idx);
    assert_eq!(t[[1, 0]], 4.0);
    let w = x.slice((.., Span::<2>(1)));
    assert_eq!(w.dims(), [3, 2]);
    let m = x.gt_scalar(5.0);
    let r = where_(&m, &x, &Tensor::<f64, ()>::full(0.0));
    assert_eq!(r.sum(), (6..12).sum::<usize>() as f64);
}
