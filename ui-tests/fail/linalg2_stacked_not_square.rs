use shaped::Tensor3;

fn main() {
    // A stack of four 3 x 5 matrices has no determinants.
    let a = Tensor3::<f64, 4, 3, 5>::zeros();
    let _d = a.det();
}
