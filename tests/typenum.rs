//! Interop with typenum and generic-array (feature `typenum`, off by default).
//!
//! Run with `cargo test --features typenum --test typenum`.
#![cfg(feature = "typenum")]

use generic_array::GenericArray;
use generic_array::typenum::{U0, U1, U2, U3, U1024, Unsigned};
use shaped::typenum_compat::{DimOf, TypenumOf};
use shaped::{Const, Matrix, One, Tensor, Vector, tensor};

/// Compiles only when both arguments have the same type.
fn same_type<T>(_: T, _: T) {}

#[test]
fn vectors_convert_both_ways() {
    let ga: GenericArray<f64, U3> = GenericArray::from([1.0, 2.0, 3.0]);
    let v: Vector<f64, 3> = ga.into();
    assert_eq!(v.as_slice(), &[1.0, 2.0, 3.0]);
    let back: GenericArray<f64, U3> = v.clone().into();
    assert_eq!(back, ga);
    let via_fn = v.into_generic_array();
    same_type(via_fn, ga);
    let w = Vector::<f64, 3>::from_generic_array(ga);
    assert_eq!(w.as_slice(), ga.as_slice());
}

#[test]
fn matrices_convert_to_rows_and_back() {
    let m: Matrix<i32, 2, 3> = tensor![[1, 2, 3], [4, 5, 6]];
    let rows: GenericArray<GenericArray<i32, U3>, U2> = m.clone().into();
    assert_eq!(rows[0].as_slice(), &[1, 2, 3]);
    assert_eq!(rows[1].as_slice(), &[4, 5, 6]);
    let back: Matrix<i32, 2, 3> = rows.into();
    assert_eq!(back, m);
    let empty: GenericArray<GenericArray<f32, U0>, U2> = Matrix::<f32, 2, 0>::zeros().into();
    assert_eq!(empty.len(), 2);
    assert!(empty.iter().all(|r| r.is_empty()));
}

#[test]
fn large_and_empty_lengths() {
    let v = Vector::<u16, 1024>::from_fn(|[i]| i as u16);
    let ga: GenericArray<u16, U1024> = v.clone().into();
    assert_eq!(ga[1023], 1023);
    assert_eq!(Vector::<u16, 1024>::from(ga), v);
    // Beyond 1024, typenum maps powers of two (and some others) through `From`.
    let big = Vector::<u8, 2048>::from_fn(|[i]| (i % 251) as u8);
    let gb: GenericArray<u8, generic_array::ConstArrayLength<2048>> = big.clone().into();
    assert_eq!(Vector::<u8, 2048>::from(gb), big);
    let e: GenericArray<f64, U0> = Vector::<f64, 0>::zeros().into();
    assert!(e.is_empty());
}

#[test]
fn dims_map_to_typenum_and_back() {
    assert_eq!(<TypenumOf<Const<300>> as Unsigned>::USIZE, 300);
    assert_eq!(<TypenumOf<One> as Unsigned>::USIZE, 1);
    same_type(<TypenumOf<One>>::default(), U1::default());
    let d: DimOf<TypenumOf<Const<1000>>> = Const::<1000>;
    same_type(d, Const::<1000>);
    let z: DimOf<U0> = Const::<0>;
    same_type(z, Const);
}

/// Code generic over a typenum length reaches tensors through `DimOf`.
fn sum_generic<N>(a: GenericArray<f64, N>) -> f64
where
    N: generic_array::ArrayLength + shaped::typenum_compat::FromTypenum,
{
    let t: Tensor<f64, (DimOf<N>,)> = Tensor::from_generic_array(a);
    t.iter().sum()
}

#[test]
fn typenum_generic_code() {
    assert_eq!(
        sum_generic(GenericArray::<f64, U3>::from([1.0, 2.0, 4.0])),
        7.0
    );
    // `One` round-trips through U1 too.
    let one = Tensor::<f64, (One,)>::full(5.0).into_generic_array();
    same_type(one, GenericArray::<f64, U1>::from([5.0]));
}
