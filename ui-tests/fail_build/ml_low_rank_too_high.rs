// low_rank::<K>() needs K <= min(M, N): rank 3 of a 2 x 5 matrix.
use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 5>::zeros();
    let _a3 = a.low_rank::<3>();
}
