use shaped::structured::Circulant;
use shaped::{Vector, tensor};

fn main() {
    let c = Circulant::new(&tensor![1.0, 2.0, 3.0, 4.0]);
    let x: Vector<f64, 3> = tensor![1.0, 1.0, 1.0];
    let _y = c.matvec(&x);
}
