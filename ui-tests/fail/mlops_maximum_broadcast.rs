//! maximum broadcasts as `+` does: (2, 3) and (4,) do not broadcast.
use shaped::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Vector::<f64, 4>::zeros();
    let _m = a.maximum(&b);
}
