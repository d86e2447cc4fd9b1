use shaped::structured::Diagonal;
use shaped::{Vector, tensor};

fn main() {
    let d = Diagonal::new(&tensor![1.0, 2.0]);
    let x: Vector<f64, 3> = tensor![1.0, 1.0, 1.0];
    let _y = d.matvec(&x);
}
