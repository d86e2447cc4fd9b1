//! Element types: [`Number`] (anything a tensor can do arithmetic on: floats, integers and
//! complex numbers), [`Scalar`] (the ordered numbers: floats and integers) and [`Float`] (f32
//! and f64, for everything that needs division, roots or tolerances). [`Element`] is what any
//! tensor can hold, numbers or not (`bool` masks).
//!
//! The arithmetic that complex numbers share with the reals (`+ - * /`, sums, matmul, the
//! transposes) is bound by [`Number`], so it is written once for both; what needs an order
//! (`max`, `sort`, comparisons, `%`) is bound by [`Scalar`].

use core::fmt::{Debug, Display};
use core::iter::Sum;
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, Sub, SubAssign};

/// Anything a tensor can hold and build, numbers or not: the [`Number`] types and `bool`
/// (the masks that comparisons return). Construction (`from_vec`, `from_fn_with`,
/// `full_with`), access (`as_slice`, `iter`, indexing) and the selections (`take`, `stack`,
/// `where_`) need only this; arithmetic needs [`Number`].
///
/// ```
/// use shaped::{Dyn, Tensor};
/// let m = Tensor::<bool, (Dyn,)>::from_vec((Dyn(3),), vec![true, false, true])?;
/// assert_eq!(m.iter().filter(|&&b| b).count(), 2);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub trait Element: Copy + Default + Debug + PartialEq + Send + Sync + 'static {}

/// A number a tensor can do arithmetic on: the floats, the primitive integers, and
/// [`Complex<f32>`](crate::Complex) / [`Complex<f64>`](crate::Complex).
///
/// Elementwise arithmetic (`+ - * /` with broadcasting, `map`, `zip_map`), `sum`, matmul,
/// `dot`, `vdot`, the transposes and `Display` need only this; what needs an order (`max`,
/// `sort`, comparisons) needs [`Scalar`], which extends it.
///
/// ```
/// use shaped::{Complex, Number};
/// fn square_sum<T: Number>(x: &[T]) -> T { x.iter().map(|&v| v * v).sum() }
/// assert_eq!(square_sum(&[1.0, 2.0]), 5.0);
/// assert_eq!(square_sum(&[Complex::new(0.0, 1.0)]), Complex::new(-1.0, 0.0));
/// assert_eq!(<Complex<f64> as Number>::ONE, Complex::new(1.0, 0.0));
/// assert_eq!(Number::conj(Complex::new(1.0, 2.0)), Complex::new(1.0, -2.0));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number type: tensors of it have no arithmetic",
    label = "arithmetic needs a `Number` element type",
    note = "the number types are f32, f64, the primitive integers, `Complex<f32>` and `Complex<f64>`"
)]
pub trait Number:
    Element
    + Display
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
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
    /// A name for error messages and file headers (`"f64"`, `"i32"`, `"Complex<f64>"`).
    const NAME: &'static str;

    /// The complex conjugate: `a - bi` for `a + bi`, the number itself for a real one (so that
    /// `vdot` and the conjugate transpose `h()` are written once for both).
    #[inline(always)]
    fn conj(self) -> Self {
        self
    }
}

/// An ordered number: a [`Number`] that can also be compared and taken modulo (`%`).
///
/// Implemented for `f32`, `f64` and the primitive integers (not for complex numbers, which
/// have no order).
///
/// ```
/// use shaped::Scalar;
/// fn twice<T: Scalar>(x: T) -> T { x + x }
/// assert_eq!(twice(3i32), 6);
/// assert_eq!(<f64 as shaped::Number>::ZERO, 0.0);
/// fn larger<T: Scalar>(a: T, b: T) -> T { if a > b { a } else { b } }
/// assert_eq!(larger(2.0, 3.0), 3.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ordered number type",
    label = "this operation compares elements",
    note = "max, min, argmax, sort, clip and the comparisons need an order: f32, f64 and the integers have one; complex numbers do not (compare their `abs()` or `re()`)"
)]
pub trait Scalar: Number + PartialOrd + Rem<Output = Self> {}

/// A floating-point element type: `f32` or `f64`.
///
/// Brings `num_traits::Float` (sqrt, abs, is_nan, ...) and the `approx` comparisons, so that
/// numerical code is written once for both precisions. It is implemented for those two types
/// only, and cannot be implemented outside this crate: its hidden supertrait holds the
/// factorisation kernels this library compiles once for each of them, so that a user's
/// crate calls them rather than compiling them again.
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
    + num_traits::NumAssign
    + num_traits::FloatConst
    + approx::RelativeEq<Epsilon = Self>
    + approx::UlpsEq<Epsilon = Self>
    + crate::linalg::instances::Kernels
{
    /// The value nearest to `x` (rounds to the nearest f32 for `f32`): `T::of(0.5)`.
    fn of(x: f64) -> Self;
    /// The value as f64 (exact for both precisions).
    fn as_f64(self) -> f64;
}

macro_rules! impl_scalar {
    ($($t:ty => $zero:expr, $one:expr;)*) => {
        $(impl Element for $t {}
        impl Number for $t {
            const ZERO: Self = $zero;
            const ONE: Self = $one;
            const NAME: &'static str = stringify!($t);
        }
        impl Scalar for $t {})*
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
/// (`eig` returns such tensors). `Complex<f32>` and `Complex<f64>` are the ones in use.
impl<T: Float> Element for num_complex::Complex<T> {}

/// Complex numbers are numbers: tensors of them add, multiply and `matmul` as real ones do.
impl<T: Float> Number for num_complex::Complex<T> {
    const ZERO: Self = num_complex::Complex::new(T::ZERO, T::ZERO);
    const ONE: Self = num_complex::Complex::new(T::ONE, T::ZERO);
    const NAME: &'static str = complex_name(T::NAME);
    #[inline(always)]
    fn conj(self) -> Self {
        num_complex::Complex::new(self.re, -self.im)
    }
}

/// The name of `Complex<T>` from the name of `T`.
const fn complex_name(real: &str) -> &'static str {
    match real.as_bytes() {
        b"f32" => "Complex<f32>",
        b"f64" => "Complex<f64>",
        _ => "Complex",
    }
}

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
