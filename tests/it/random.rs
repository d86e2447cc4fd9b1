//! Random constructors (feature `rand`): reproducible with a seed, the right distributions.
#![cfg(feature = "rand")]

use shaped::rand::rngs::StdRng;
use shaped::rand::{Rng, SeedableRng};
use shaped::{Const, Dyn, Float, Matrix, Tensor, Tensor3, Vector};

fn mean_var<T: Float>(xs: &[T]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().map(|x| x.as_f64()).sum::<f64>() / n;
    let var = xs.iter().map(|x| (x.as_f64() - mean).powi(2)).sum::<f64>() / n;
    (mean, var)
}

#[test]
fn the_same_seed_gives_the_same_tensor() {
    let a = Matrix::<f64, 5, 7>::random(&mut StdRng::seed_from_u64(11));
    let b = Matrix::<f64, 5, 7>::random(&mut StdRng::seed_from_u64(11));
    let c = Matrix::<f64, 5, 7>::random(&mut StdRng::seed_from_u64(12));
    assert_eq!(a, b);
    assert_ne!(a, c);
    let n1 = Tensor3::<f32, 2, 3, 4>::random_normal(&mut StdRng::seed_from_u64(5));
    let n2 = Tensor3::<f32, 2, 3, 4>::random_normal(&mut StdRng::seed_from_u64(5));
    assert_eq!(n1, n2);
}

#[test]
fn static_and_dynamic_forms_fill_in_row_major_order() {
    let s = Matrix::<f64, 3, 4>::random(&mut StdRng::seed_from_u64(3));
    let d =
        Tensor::<f64, (Dyn, Const<4>)>::random_with((Dyn(3), Const), &mut StdRng::seed_from_u64(3));
    let flat = Vector::<f64, 12>::random(&mut StdRng::seed_from_u64(3));
    assert_eq!(s.as_slice(), d.as_slice());
    assert_eq!(s.as_slice(), flat.as_slice());
    let sn = Matrix::<f32, 3, 4>::random_normal(&mut StdRng::seed_from_u64(8));
    let dn = Tensor::<f32, (Dyn, Dyn)>::random_normal_with(
        (Dyn(3), Dyn(4)),
        &mut StdRng::seed_from_u64(8),
    );
    assert_eq!(sn.as_slice(), dn.as_slice());
}

#[test]
fn uniform_is_on_zero_one() {
    let mut rng = StdRng::seed_from_u64(21);
    let n = 20_000;
    let x = Tensor::<f64, (Dyn,)>::random_with((Dyn(n),), &mut rng);
    assert!(x.iter().all(|&v| (0.0..1.0).contains(&v)));
    let (mean, var) = mean_var(x.as_slice());
    // Standard errors: 0.29 / sqrt(n) = 0.002 for the mean; the bounds are 5 of them.
    assert!((mean - 0.5).abs() < 0.01, "{mean}");
    assert!((var - 1.0 / 12.0).abs() < 0.005, "{var}");
    let y = Tensor::<f32, (Dyn,)>::random_with((Dyn(n),), &mut rng);
    assert!(y.iter().all(|&v| (0.0..1.0).contains(&v)));
    assert!((mean_var(y.as_slice()).0 - 0.5).abs() < 0.01);
    // Both halves of the interval are hit: not a constant.
    assert!(x.iter().any(|&v| v < 0.01) && x.iter().any(|&v| v > 0.99));
}

#[test]
fn normal_has_mean_zero_and_variance_one() {
    let mut rng = StdRng::seed_from_u64(99);
    let n = 20_000;
    let x = Tensor::<f64, (Dyn,)>::random_normal_with((Dyn(n),), &mut rng);
    let (mean, var) = mean_var(x.as_slice());
    // Standard errors: 1 / sqrt(n) = 0.007 for the mean, sqrt(2 / n) = 0.01 for the variance.
    assert!(mean.abs() < 0.035, "{mean}");
    assert!((var - 1.0).abs() < 0.05, "{var}");
    // Tails: about 4.6% beyond 2 sigma.
    let beyond = x.iter().filter(|v| v.abs() > 2.0).count() as f64 / n as f64;
    assert!((beyond - 0.0455).abs() < 0.01, "{beyond}");
    let y = Tensor::<f32, (Dyn,)>::random_normal_with((Dyn(n),), &mut rng);
    let (m32, v32) = mean_var(y.as_slice());
    assert!(m32.abs() < 0.035 && (v32 - 1.0).abs() < 0.05, "{m32} {v32}");
}

#[test]
fn takes_any_generator_including_dyn() {
    let mut rng = StdRng::seed_from_u64(1);
    let r: &mut dyn Rng = &mut rng;
    let v = Vector::<f64, 3>::random(r);
    assert!(v.iter().all(|&x| (0.0..1.0).contains(&x)));
}
