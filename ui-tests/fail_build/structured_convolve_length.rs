use shaped::structured::convolve_full;
use shaped::{Const, Vector};

fn main() {
    // full convolution of 5 and 3 samples has 7, not 8: the reshape fails at build time.
    let a = Vector::<f64, 5>::ones();
    let v = Vector::<f64, 3>::ones();
    let _y: Vector<f64, 8> = convolve_full(&a, &v).reshape::<(Const<8>,)>();
}
