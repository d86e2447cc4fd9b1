//! Complex tensors type-check as real ones do: construction, arithmetic with broadcasting,
//! products with inferred output shapes, the conjugate transpose, and the real-valued parts.
use shaped::{Complex, Const, Dyn, Matrix, Tensor, Vector, tensor};

pub fn main() {
    let i = Complex::new(0.0, 1.0);
    let a: Matrix<Complex<f64>, 2, 3> = Matrix::from_fn(|[r, c]| Complex::new(r as f64, c as f64));
    let row: Vector<Complex<f64>, 3> = tensor![i, i, i];
    let b = &a + &row; // (2, 3) + (3,) -> (2, 3)
    let g = b.matmul(a.h()); // (2, 3) x (3, 2) -> (2, 2)
    let _: &Matrix<Complex<f64>, 2, 2> = &g;
    let d = Tensor::<Complex<f32>, (Dyn, Const<3>)>::zeros_with((Dyn(4), Const));
    let e: Tensor<Complex<f32>, (Dyn, Dyn)> = d.matmul(d.h());
    assert_eq!(e.dims(), [4, 4]);
    let r: Matrix<f64, 2, 3> = (i * &a).re();
    let m: Matrix<f64, 2, 3> = a.abs();
    assert_eq!(r.dims(), m.dims());
    let s: Complex<f64> = a.vdot(&a);
    assert_eq!(s.im, 0.0);
}
