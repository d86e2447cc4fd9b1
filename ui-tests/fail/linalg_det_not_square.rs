use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let _d = a.det();
}
