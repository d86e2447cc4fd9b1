use shaped::structured::Toeplitz;
use shaped::{Vector, tensor};

fn main() {
    let c: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
    let r: Vector<f64, 2> = tensor![1.0, 4.0];
    let t = Toeplitz::new(&c, &r).unwrap(); // (3, 2)
    let x: Vector<f64, 3> = tensor![1.0, 1.0, 1.0];
    let _y = t.matvec(&x);
}
