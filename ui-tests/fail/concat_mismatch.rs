//! Stacking rows needs the same number of columns.
use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Matrix::<f64, 2, 4>::zeros();
    let _c = a.concat::<0, _>(&b);
    rank_mismatch();
}

fn rank_mismatch() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let v = shaped::Vector::<f64, 3>::zeros();
    let _c = a.concat::<0, _>(&v);
}
