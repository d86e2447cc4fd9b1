//! Element types: [`Scalar`] (anything a tensor can hold and do arithmetic on: floats and
//! integers) and [`Float`] (f32 and f64, for everything that needs division, roots or
//! tolerances). [`Element`] is what any tensor can hold, numbers or not (`bool` masks).

use core::fmt::{Debug, Display};
use core::iter::Sum;
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, Sub, SubAssign};

/// Anything a tensor can hold and build, numbers or not: the [`Scalar`] types and `bool`
/// (the masks that comparisons return). Construction (`from_vec`, `from_fn_with`,
/// `full_with`), access (`as_slice`, `iter`, indexing) and the selections (`take`, `stack`,
/// `where_`) need only this; arithmetic needs [`Scalar`].
///
/// ```
/// use shaped::{Dyn, Tensor};
/// let m = Tensor::<bool, (Dyn,)>::from_vec((Dyn(3),), vec![true, false, true])?;
/// assert_eq!(m.iter().filter(|&&b| b).count(), 2);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub trait Element: Copy + Default + Debug + PartialEq + Send + Sync + 'static {}

/// An element type of a tensor: a number that can be added, multiplied and compared.
///
/// Implemented for `f32`, `f64` and the primitive integers.
///
/// ```
/// use shaped::Scalar;
/// fn twice<T: Scalar>(x: T) -> T { x + x }
/// assert_eq!(twice(3i32), 6);
/// assert_eq!(<f64 as Scalar>::ZERO, 0.0);
/// ```
pub trait Scalar:
    Element
    + Copy
    + Default
    + Debug
    + Display
    + PartialEq
    + PartialOrd
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Rem<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Sum
{
    /// The additive identity.
    const ZERO: Self;
    /// The multiplicative identity.
    const ONE: Self;
    /// A name for error messages and file headers (`"f64"`, `"i32"`).
    const NAME: &'static str;
}

/// A floating-point element type: `f32` or `f64`.
///
/// Brings `num_traits::Float` (sqrt, abs, is_nan, ...) and the `approx` comparisons, so that
/// numerical code is written once for both precisions.
///
/// ```
/// use shaped::Float;
/// fn hypot<T: Float>(a: T, b: T) -> T { (a * a + b * b).sqrt() }
/// assert_eq!(hypot(3.0f32, 4.0), 5.0);
/// ```
pub trait Float:
    Scalar
    + Neg<Output = Self>
    + num_traits::Float
    + num_traits::FloatConst
    + approx::RelativeEq<Epsilon = Self>
    + approx::UlpsEq<Epsilon = Self>
{
    /// The value nearest to `x` (rounds to the nearest f32 for `f32`): `T::of(0.5)`.
    fn of(x: f64) -> Self;
    /// The value as f64 (exact for both precisions).
    fn as_f64(self) -> f64;
}

macro_rules! impl_scalar {
    ($($t:ty => $zero:expr, $one:expr;)*) => {
        $(impl Element for $t {}
        impl Scalar for $t {
            const ZERO: Self = $zero;
            const ONE: Self = $one;
            const NAME: &'static str = stringify!($t);
        })*
    };
}

impl_scalar! {
    f32 => 0.0, 1.0;
    f64 => 0.0, 1.0;
    i8 => 0, 1;
    i16 => 0, 1;
    i32 => 0, 1;
    i64 => 0, 1;
    isize => 0, 1;
    u8 => 0, 1;
    u16 => 0, 1;
    u32 => 0, 1;
    u64 => 0, 1;
    usize => 0, 1;
}

impl Element for bool {}

/// Complex numbers are elements: a tensor of them is built, read and stored like a real one
/// (`eig` returns such tensors).
impl Element for num_complex::Complex<f32> {}
/// Complex numbers are elements: a tensor of them is built, read and stored like a real one.
impl Element for num_complex::Complex<f64> {}

impl Float for f32 {
    #[inline(always)]
    fn of(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn as_f64(self) -> f64 {
        self as f64
    }
}

impl Float for f64 {
    #[inline(always)]
    fn of(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn as_f64(self) -> f64 {
        self
    }
}
