//! `solve` of a (Features, Hidden) matrix: not square, though both sizes are 64.
use shaped::{dim, Tensor};

dim!(Features = 64);
dim!(Hidden = 64);

fn main() {
    let a = Tensor::<f64, (Features, Hidden)>::eye();
    let b = Tensor::<f64, (Features,)>::ones();
    let _x = a.solve(&b);
}
