use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 4, 2>::zeros();
    let _c = a.cholesky();
}
