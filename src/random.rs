//! Random tensors through [`rand`] (feature `rand`, on by default).
//!
//! Every constructor takes the generator, so a seeded generator gives the same tensor on every
//! run: `rand::rngs::StdRng::seed_from_u64(42)` (with `rand::SeedableRng` in scope) is the usual
//! choice in tests and examples. `rand` is re-exported as `shaped::rand`, so the generator's
//! version always matches.
//!
//! - [`Tensor::random`] / [`Tensor::random_with`]: uniform on `[0, 1)`;
//! - [`Tensor::random_normal`] / [`Tensor::random_normal_with`]: standard normal (mean 0,
//!   variance 1), from `rand_distr::StandardNormal`.
//!
//! ```
//! use shaped::rand::{SeedableRng, rngs::StdRng};
//! use shaped::{Const, Dyn, Matrix, Tensor};
//! let mut rng = StdRng::seed_from_u64(7);
//! let a = Matrix::<f64, 3, 4>::random(&mut rng);
//! assert!(a.iter().all(|&x| (0.0..1.0).contains(&x)));
//! // The same seed, the same numbers.
//! let b = Matrix::<f64, 3, 4>::random(&mut StdRng::seed_from_u64(7));
//! assert_eq!(a, b);
//! let n = Tensor::<f32, (Dyn, Const<2>)>::random_normal_with((Dyn(5), Const), &mut rng);
//! assert_eq!(n.dims(), [5, 2]);
//! ```

use rand::Rng;
use rand::distr::{Distribution, StandardUniform};
use rand_distr::StandardNormal;

use crate::scalar::Float;
use crate::shape::{Shape, StaticShape};
use crate::tensor::Tensor;

impl<T: Float, S: Shape> Tensor<T, S>
where
    StandardUniform: Distribution<T>,
    StandardNormal: Distribution<T>,
{
    /// A tensor of the given shape whose elements are drawn uniformly from `[0, 1)`, in
    /// row-major order.
    ///
    /// ```
    /// use shaped::rand::{SeedableRng, rngs::StdRng};
    /// use shaped::{Dyn, Tensor};
    /// let mut rng = StdRng::seed_from_u64(1);
    /// let x = Tensor::<f32, (Dyn, Dyn)>::random_with((Dyn(100), Dyn(3)), &mut rng);
    /// assert_eq!(x.dims(), [100, 3]);
    /// assert!(x.iter().all(|&v| (0.0..1.0).contains(&v)));
    /// ```
    pub fn random_with<R: Rng + ?Sized>(shape: S, rng: &mut R) -> Self {
        Self::from_fn_with(shape, |_| StandardUniform.sample(rng))
    }

    /// A tensor of the given shape whose elements are drawn from the standard normal
    /// distribution (mean 0, variance 1), in row-major order.
    ///
    /// ```
    /// use shaped::rand::{SeedableRng, rngs::StdRng};
    /// use shaped::{Dyn, Tensor};
    /// let mut rng = StdRng::seed_from_u64(2);
    /// let x = Tensor::<f64, (Dyn,)>::random_normal_with((Dyn(10_000),), &mut rng);
    /// let mean = x.iter().sum::<f64>() / 10_000.0;
    /// assert!(mean.abs() < 0.05); // 5 standard errors
    /// ```
    pub fn random_normal_with<R: Rng + ?Sized>(shape: S, rng: &mut R) -> Self {
        Self::from_fn_with(shape, |_| StandardNormal.sample(rng))
    }
}

impl<T: Float, S: StaticShape> Tensor<T, S>
where
    StandardUniform: Distribution<T>,
    StandardNormal: Distribution<T>,
{
    /// A tensor whose elements are drawn uniformly from `[0, 1)`.
    ///
    /// ```
    /// use shaped::rand::{SeedableRng, rngs::StdRng};
    /// use shaped::Vector;
    /// let v = Vector::<f64, 4>::random(&mut StdRng::seed_from_u64(3));
    /// assert!(v.iter().all(|&x| (0.0..1.0).contains(&x)));
    /// ```
    pub fn random<R: Rng + ?Sized>(rng: &mut R) -> Self {
        Self::random_with(S::default(), rng)
    }

    /// A tensor whose elements are drawn from the standard normal distribution.
    ///
    /// ```
    /// use shaped::rand::{SeedableRng, rngs::StdRng};
    /// use shaped::Matrix;
    /// let mut rng = StdRng::seed_from_u64(4);
    /// let a = Matrix::<f32, 2, 2>::random_normal(&mut rng);
    /// let b = Matrix::<f32, 2, 2>::random_normal(&mut rng);
    /// assert_ne!(a, b); // the generator moved on
    /// ```
    pub fn random_normal<R: Rng + ?Sized>(rng: &mut R) -> Self {
        Self::random_normal_with(S::default(), rng)
    }
}
