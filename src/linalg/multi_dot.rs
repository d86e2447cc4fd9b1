//! `multi_dot`: the product of a chain of matrices in the cheapest order (numpy's
//! `linalg.multi_dot`), the first and last operands possibly vectors. The order comes from
//! the classic dynamic programme over the run-time sizes (`kernels/products.rs`).

use crate::dim::{AnyDim, InnerDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::linalg::kernels::products as k;
use crate::scalar::Float;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor};

/// The absent dim of a vector at an end of a chain (a row vector first, a column vector
/// last): it is dropped from the result.
#[derive(Clone, Copy, Debug)]
pub struct NoDim;

/// The first operand of a chain: a vector (K,) (a row vector) or a matrix (M, K).
pub trait ChainFirst: Shape {
    /// `M`, or [`NoDim`] for a vector.
    type Lead;
    /// `K`, which meets the next operand's rows.
    type Inner: AnyDim;
}
impl<K: AnyDim> ChainFirst for (K,) {
    type Lead = NoDim;
    type Inner = K;
}
impl<M: AnyDim, K: AnyDim> ChainFirst for (M, K) {
    type Lead = M;
    type Inner = K;
}

/// The last operand of a chain: a vector (K,) (a column vector) or a matrix (K, N).
pub trait ChainLast: Shape {
    /// `N`, or [`NoDim`] for a vector.
    type Trail;
    /// `K`, which meets the previous operand's columns.
    type Inner: AnyDim;
}
impl<K: AnyDim> ChainLast for (K,) {
    type Trail = NoDim;
    type Inner = K;
}
impl<K: AnyDim, N: AnyDim> ChainLast for (K, N) {
    type Trail = N;
    type Inner = K;
}

/// The shape of a chain's product from its lead and trail dims: (M, N), (M,), (N,) or ().
pub trait JoinShape<Trail> {
    /// The result's shape.
    type Out: Shape;
}
impl JoinShape<NoDim> for NoDim {
    type Out = ();
}
impl<N: AnyDim> JoinShape<N> for NoDim {
    type Out = (N,);
}
impl<M: AnyDim> JoinShape<NoDim> for M {
    type Out = (M,);
}
impl<M: AnyDim, N: AnyDim> JoinShape<N> for M {
    type Out = (M, N);
}

/// A tuple of 2 to 6 borrowed operands that chain: `(&a, &b, &c)` with a (M, K) or (K,),
/// each middle one a matrix, the last (K, N) or (K,), consecutive inner dims equal
/// ([`InnerDim`]). Made for [`multi_dot`].
pub trait MultiDot {
    /// The element type.
    type Elem: Float;
    /// The shape of the product.
    type Out: Shape;
    /// The sizes and row-major elements of each operand.
    #[doc(hidden)]
    fn parts(&self) -> Vec<(Vec<usize>, Vec<Self::Elem>)>;
}

fn part<T: Float, S: Shape, D: Data<T>>(x: &Tensor<T, S, D>) -> (Vec<usize>, Vec<T>) {
    let v = AsView::view(x);
    let d = v.dims().as_ref().to_vec();
    let data = match v.as_slice() {
        Some(s) => s.to_vec(),
        None => v.iter().copied().collect(),
    };
    (d, data)
}

macro_rules! multi_dot_tuple {
    ([$($r:ident $c:ident $d:ident $x:ident),*]; $($lhs:ty => $rhs:ty),+) => {
        impl<'a, T: Float, S0: ChainFirst, D0: Data<T>, $($r: AnyDim, $c: AnyDim, $d: Data<T>,)* SL: ChainLast, DL: Data<T>>
            MultiDot for (&'a Tensor<T, S0, D0>, $(&'a Tensor<T, ($r, $c), $d>,)* &'a Tensor<T, SL, DL>)
        where
            S0::Lead: JoinShape<SL::Trail>,
            $($lhs: InnerDim<$rhs>,)+
        {
            type Elem = T;
            type Out = <S0::Lead as JoinShape<SL::Trail>>::Out;
            #[allow(non_snake_case)]
            fn parts(&self) -> Vec<(Vec<usize>, Vec<T>)> {
                let (x0, $($x,)* xl) = *self;
                vec![part(x0), $(part($x),)* part(xl)]
            }
        }
    };
}

multi_dot_tuple!([]; S0::Inner => SL::Inner);
multi_dot_tuple!([R1 C1 D1 X1]; S0::Inner => R1, C1 => SL::Inner);
multi_dot_tuple!([R1 C1 D1 X1, R2 C2 D2 X2]; S0::Inner => R1, C1 => R2, C2 => SL::Inner);
multi_dot_tuple!(
    [R1 C1 D1 X1, R2 C2 D2 X2, R3 C3 D3 X3];
    S0::Inner => R1, C1 => R2, C2 => R3, C3 => SL::Inner
);
multi_dot_tuple!(
    [R1 C1 D1 X1, R2 C2 D2 X2, R3 C3 D3 X3, R4 C4 D4 X4];
    S0::Inner => R1, C1 => R2, C2 => R3, C3 => R4, C4 => SL::Inner
);

/// The product of a chain of 2 to 6 operands in the cheapest order (numpy's `multi_dot`):
/// `multi_dot((&a, &b, &c))` = `a b c`. The first operand may be a vector (K,) (a row vector)
/// and the last a vector (K,) (a column vector); their unit dims are dropped, so that the
/// result is (M, N), (M,), (N,) or (). Static inner dims that differ do not compile.
///
/// The order minimises the multiply-adds for the run-time sizes (the classic dynamic
/// programme): a (10, 30) x (30, 5) x (5, 60) chain costs 4,500 multiply-adds as (A B) C,
/// 27,000 as A (B C).
///
/// # Panics
/// When `Dyn` inner dims differ (see [`try_multi_dot`]).
///
/// ```
/// use shaped::{multi_dot, tensor, Matrix, Vector};
/// let a: Matrix<f64, 2, 3> = tensor![[1., 0., 0.], [0., 1., 0.]];
/// let b: Matrix<f64, 3, 3> = tensor![[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]];
/// let x: Vector<f64, 3> = tensor![1., 1., 1.];
/// let y = multi_dot((&a, &b, &x)); // (2, 3) x (3, 3) x (3,) -> (2,)
/// assert_eq!(y.as_slice(), &[6., 15.]);
/// let s = multi_dot((&x, &b, &x)); // (3,) x (3, 3) x (3,) -> ()
/// assert_eq!(s.as_slice(), &[45.]);
/// ```
#[track_caller]
pub fn multi_dot<C: MultiDot>(chain: C) -> Tensor<C::Elem, C::Out> {
    unwrap_or_panic(try_multi_dot(chain))
}

/// [`multi_dot`] that returns a [`ShapeError`] when `Dyn` inner dims differ.
///
/// # Errors
/// [`ShapeError`] naming the two operands that do not chain.
///
/// ```
/// use shaped::{try_multi_dot, Dyn, Tensor};
/// let a = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(2), Dyn(3)));
/// let b = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(4), Dyn(2)));
/// let err = try_multi_dot((&a, &b, &a)).unwrap_err();
/// assert!(err.to_string().contains("operand 0 (2, 3) has 3 columns but operand 1 (4, 2) has 4 rows"));
/// ```
pub fn try_multi_dot<C: MultiDot>(chain: C) -> Result<Tensor<C::Elem, C::Out>, ShapeError> {
    let parts = chain.parts();
    let last = parts.len() - 1;
    let (first_vec, last_vec) = (parts[0].0.len() == 1, parts[last].0.len() == 1);
    // Each operand as a matrix: a first vector is 1 x K, a last vector K x 1.
    let sizes: Vec<(usize, usize)> = parts
        .iter()
        .enumerate()
        .map(|(i, (d, _))| match d.len() {
            1 if i == 0 => (1, d[0]),
            1 => (d[0], 1),
            _ => (d[0], d[1]),
        })
        .collect();
    for i in 0..last {
        if sizes[i].1 != sizes[i + 1].0 {
            let (a, b) = (&parts[i].0, &parts[i + 1].0);
            return Err(ShapeError::pair(
                "multi_dot",
                a,
                b,
                format!(
                    "operand {i} {} has {} columns but operand {} {} has {} rows",
                    fmt_dims(a),
                    sizes[i].1,
                    i + 1,
                    fmt_dims(b),
                    sizes[i + 1].0
                ),
            ));
        }
    }
    let mut dims: Vec<usize> = sizes.iter().map(|s| s.0).collect();
    dims.push(sizes[last].1);
    let split = k::chain_order(&dims);
    let mats: Vec<Vec<C::Elem>> = parts.into_iter().map(|(_, x)| x).collect();
    let out = k::chain_product(&mats, &dims, &split, 0, last);
    let mut od = Vec::new();
    if !first_vec {
        od.push(dims[0]);
    }
    if !last_vec {
        od.push(dims[last + 1]);
    }
    let shape = C::Out::try_from_dims(&od).expect("the chain's types fix the result's sizes");
    Ok(Tensor::from_data(shape, out))
}
