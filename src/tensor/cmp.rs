//! Equality and approximate equality (`approx`) between tensors and views of one shape type.
//!
//! Two tensors are equal when their sizes and elements are equal, whatever their layouts.

use approx::{AbsDiffEq, RelativeEq, UlpsEq};

use super::{AsView, Data, Tensor, TensorView};
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

// `PartialEq`, `AbsDiffEq`, `RelativeEq` and `UlpsEq` of any tensor or view against anything
// that views as the same shape type.

impl<T: PartialEq, S: Shape, D: Data<T>, R: AsView<T, S>> PartialEq<R> for Tensor<T, S, D> {
    fn eq(&self, other: &R) -> bool {
        views_eq(self.view(), other.view())
    }
}

impl<T: AbsDiffEq, S: Shape, D: Data<T>, R: AsView<T, S>> AbsDiffEq<R> for Tensor<T, S, D>
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

impl<T: RelativeEq, S: Shape, D: Data<T>, R: AsView<T, S>> RelativeEq<R> for Tensor<T, S, D>
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

impl<T: UlpsEq, S: Shape, D: Data<T>, R: AsView<T, S>> UlpsEq<R> for Tensor<T, S, D>
where
    T::Epsilon: Copy,
{
    fn default_max_ulps() -> u32 {
        T::default_max_ulps()
    }
    fn ulps_eq(&self, other: &R, epsilon: T::Epsilon, max_ulps: u32) -> bool {
        views_all(self.view(), other.view(), |x, y| {
            x.ulps_eq(y, epsilon, max_ulps)
        })
    }
}
