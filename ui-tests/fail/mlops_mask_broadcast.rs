//! A comparison broadcasts as `+` does, and so does where_'s mask against its branches.
use shaped::{Matrix, Vector, where_};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Vector::<f64, 2>::zeros();
    let _m = a.gt(&b);
    where_mask();
}

fn where_mask() {
    let mask = Vector::<bool, 4>::from_fn(|[i]| i % 2 == 0);
    let a = Matrix::<f64, 2, 3>::zeros();
    let _r = where_(&mask, &a, &a);
}
