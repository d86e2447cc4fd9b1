// Static shapes through SVD, eigh, lstsq and PCA build (and so run the K <= min(N, D)
// const checks at their allowed edge).
use shaped::{Matrix, Vector};

pub fn main() {
    let a = Matrix::<f64, 4, 3>::eye();
    let svd = a.svd().unwrap();
    assert_eq!(svd.u.dims(), [4, 3]);
    let x = a.lstsq(&Vector::<f64, 4>::ones()).unwrap().x;
    assert_eq!(x.dims(), [3]);
    let sq = Matrix::<f64, 3, 3>::eye();
    assert_eq!(sq.eigh().unwrap().values.dims(), [3]);
    let p = a.pca::<3>().unwrap();
    assert_eq!(p.components.dims(), [3, 3]);
    assert_eq!(a.low_rank::<3>().unwrap().dims(), [4, 3]);
}
