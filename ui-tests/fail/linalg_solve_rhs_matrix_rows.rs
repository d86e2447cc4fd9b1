use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 3, 3>::zeros();
    let b = Matrix::<f64, 2, 5>::zeros();
    let _x = a.lu().unwrap().solve(&b);
}
