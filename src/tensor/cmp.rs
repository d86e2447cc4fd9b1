//! Equality and approximate equality (`approx`) between tensors and views of one shape type.
//!
//! Two tensors are equal when their sizes and elements are equal, whatever their layouts.

use approx::{AbsDiffEq, RelativeEq, UlpsEq};

use super::{AsView, Tensor, TensorView, TensorViewMut};
use crate::shape::Shape;

fn views_eq<T: PartialEq, S: Shape>(a: TensorView<'_, T, S>, b: TensorView<'_, T, S>) -> bool {
    a.dims() == b.dims() && a.iter().zip(b.iter()).all(|(x, y)| x == y)
}

fn views_all<T, S: Shape>(
    a: TensorView<'_, T, S>,
    b: TensorView<'_, T, S>,
    mut f: impl FnMut(&T, &T) -> bool,
) -> bool {
    a.dims() == b.dims() && a.iter().zip(b.iter()).all(|(x, y)| f(x, y))
}

/// Implements `PartialEq`, `AbsDiffEq`, `RelativeEq` and `UlpsEq` of one tensor kind against
/// anything that views as the same shape type.
macro_rules! impl_cmp {
    ($([$($lt:lifetime)?] $ty:ty;)*) => {$(
        impl<$($lt,)? T: PartialEq, S: Shape, R: AsView<T, S>> PartialEq<R> for $ty {
            fn eq(&self, other: &R) -> bool {
                views_eq(self.view(), other.view())
            }
        }

        impl<$($lt,)? T: AbsDiffEq, S: Shape, R: AsView<T, S>> AbsDiffEq<R> for $ty
        where
            T::Epsilon: Copy,
        {
            type Epsilon = T::Epsilon;
            fn default_epsilon() -> T::Epsilon {
                T::default_epsilon()
            }
            fn abs_diff_eq(&self, other: &R, epsilon: T::Epsilon) -> bool {
                views_all(self.view(), other.view(), |x, y| x.abs_diff_eq(y, epsilon))
            }
        }

        impl<$($lt,)? T: RelativeEq, S: Shape, R: AsView<T, S>> RelativeEq<R> for $ty
        where
            T::Epsilon: Copy,
        {
            fn default_max_relative() -> T::Epsilon {
                T::default_max_relative()
            }
            fn relative_eq(&self, other: &R, epsilon: T::Epsilon, max_relative: T::Epsilon) -> bool {
                views_all(self.view(), other.view(), |x, y| {
                    x.relative_eq(y, epsilon, max_relative)
                })
            }
        }

        impl<$($lt,)? T: UlpsEq, S: Shape, R: AsView<T, S>> UlpsEq<R> for $ty
        where
            T::Epsilon: Copy,
        {
            fn default_max_ulps() -> u32 {
                T::default_max_ulps()
            }
            fn ulps_eq(&self, other: &R, epsilon: T::Epsilon, max_ulps: u32) -> bool {
                views_all(self.view(), other.view(), |x, y| x.ulps_eq(y, epsilon, max_ulps))
            }
        }
    )*};
}

impl_cmp! {
    [] Tensor<T, S>;
    ['a] TensorView<'a, T, S>;
    ['a] TensorViewMut<'a, T, S>;
}
