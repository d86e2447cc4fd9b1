// pca::<K>() keeps at most min(N, D) components: 4 components of 10 samples x 3 features.
use shaped::Matrix;

fn main() {
    let x = Matrix::<f64, 10, 3>::zeros();
    let _p = x.pca::<4>();
}
