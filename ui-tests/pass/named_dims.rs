//! Named dims work wherever `Const` and `Dyn` do: matmul, broadcasting, reductions, einsum
//! letters, square checks of linalg, `pca::<K>()`, Display, `.npy` reading, conversions; and
//! run-time messages print their names.
use shaped::{Const, Dyn, One, Tensor, dim, einsum};

dim!(pub Batch);
dim!(pub Features = 6);
dim!(Hidden = 4);
dim!(
    /// A doc comment goes inside, on the type.
    pub(crate) Classes = 3
);

pub fn main() {
    let x = Tensor::<f64, (Batch, Features)>::from_fn_with((Batch(5), Features), |[i, j]| {
        ((i * 7 + j * j) % 11) as f64 + 1.0
    });
    let w = Tensor::<f64, (Features, Hidden)>::from_fn(|[i, j]| (i + 2 * j) as f64 * 0.1);
    let v = Tensor::<f64, (Hidden, Classes)>::ones();
    // matmul, broadcasting with a (Hidden,) bias and a (Batch, One) column, reductions
    let h: Tensor<f64, (Batch, Hidden)> = x.matmul(&w);
    let h = &h + &Tensor::<f64, (Hidden,)>::ones();
    let z: Tensor<f64, (Batch, Classes)> = h.matmul(&v);
    let z = &z - &z.max_keepdim::<1>();
    let _: Tensor<f64, (Batch, One)> = z.sum_keepdim::<1>();
    let _: Tensor<f64, (Classes,)> = z.mean_axis::<0>();
    // einsum letters bound to named dims
    let e: Tensor<f64, (Batch, Hidden)> = einsum!("bf,fh->bh", x, w);
    assert!((&e - &x.matmul(&w)).norm_linf() < 1e-12);
    // (Features, Features) is square
    let g: Tensor<f64, (Features, Features)> =
        &x.t().matmul(&x) + &Tensor::<f64, (Features, Features)>::eye();
    let rhs = Tensor::<f64, (Features,)>::ones();
    let s = g.solve(&rhs).unwrap();
    assert!((&g.matvec(&s) - &rhs).norm_linf() < 1e-8);
    let _ = g.cholesky().unwrap();
    // pca of (Batch, Features) data
    let p = x.pca::<2>().unwrap();
    let _: Tensor<f64, (Const<2>, Features)> = p.components;
    // Display prints the values, Debug the named sizes first
    assert!(format!("{}", z).starts_with('['));
    assert!(format!("{:?}", x).starts_with("Tensor(Batch=5, Features=6) [[1.0, "));
    // .npy bytes read back into a named shape
    let back = Tensor::<f64, (Batch, Features)>::from_npy_bytes(&x.to_npy_bytes()).unwrap();
    assert_eq!(back, x);
    let err = Tensor::<f64, (Batch, Classes)>::from_npy_bytes(&x.to_npy_bytes()).unwrap_err();
    assert!(err.to_string().contains("(Batch=_, Classes=3)"), "{err}");
    // run-time messages print the names with the sizes
    let y = Tensor::<f64, (Batch, Features)>::ones_with((Batch(4), Features));
    let err = x.try_add(&y).unwrap_err();
    assert_eq!(
        err.to_string(),
        "add: shapes (Batch=5, Features=6) and (Batch=4, Features=6) do not broadcast (sizes must be equal or 1, axis by axis from the last)"
    );
    let (xt, yt) = (x.t().to_tensor(), y.t().to_tensor());
    let err = xt.try_concat::<0, _>(&yt).unwrap_err();
    assert_eq!(
        err.to_string(),
        "concat: shapes (Features=6, Batch=5) and (Features=6, Batch=4) differ on an axis other than axis 0"
    );
    // conversions: into_shape where no check is needed, try_into_shape for the rest
    let c = Tensor::<f64, (Const<5>, Const<6>)>::ones();
    let named: Tensor<f64, (Dyn, Features)> = c.into_shape();
    let anon: Tensor<f64, (Dyn, Const<6>)> = x.clone().into_shape::<(Dyn, Features)>().into_shape();
    let batch = named.try_into_shape::<(Batch, Features)>().unwrap();
    assert_eq!((anon.dims(), batch.dims()), ([5, 6], [5, 6]));
}
