use shaped::Matrix;

fn main() {
    // kron of (2, 3) and (3, 2) is (2 * 3, 3 * 2): typed as products, not as `Const<6>`.
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Matrix::<f64, 3, 2>::zeros();
    let _k: Matrix<f64, 6, 6> = a.kron(&b);
}
