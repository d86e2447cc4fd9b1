//! A Standardizer fitted on 3 columns transforms rows of 3 columns.
use shaped::{Matrix, ml::Standardizer};

fn main() {
    let train = Matrix::<f64, 10, 3>::zeros();
    let sc = Standardizer::fit(&train).unwrap();
    let test = Matrix::<f64, 2, 4>::zeros();
    let _z = sc.transform(&test);
}
