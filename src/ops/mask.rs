//! Masks: elementwise comparisons that give `bool` tensors (`gt`, `lt`, `ge`, `le`,
//! `eq_elem` against another tensor; `gt_scalar`, ... against one value, numpy's `x > 0`),
//! their reductions `any`, `all` and `count`, and selection by a mask, [`where_`].
//!
//! Comparisons broadcast as the arithmetic operators do and follow IEEE: every comparison
//! with NaN is false (NaN is not `eq_elem` to itself), and -0.0 equals 0.0.

use super::kernels::{broadcast_strides, for_each_offsets};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::{Element, Scalar};
use crate::shape::{BroadcastShapes, Shape, broadcast_dims, fmt_dims};
use crate::tensor::{AsView, Data, Storage, Tensor, TensorView};

/// `f` over every position of the broadcast shape of `views`, into a new tensor of shape `SO`.
fn broadcast_collect<const K: usize, U: Element, SO: Shape>(
    op: &'static str,
    dims: [&[usize]; K],
    strides: [&[usize]; K],
    names: [&[Option<&'static str>]; K],
    mut f: impl FnMut([usize; K]) -> U,
) -> Result<Tensor<U, SO>, ShapeError> {
    let mut out_dims = dims[0].to_vec();
    for k in 1..K {
        out_dims = broadcast_dims(&out_dims, dims[k]).ok_or_else(|| {
            ShapeError::broadcast(op, dims[k - 1], dims[k]).with_names(names[k - 1], names[k])
        })?;
    }
    let shape = SO::try_from_dims(&out_dims).ok_or_else(|| {
        ShapeError::new(
            op,
            &out_dims,
            format!(
                "the operands broadcast to {}, which the result type cannot hold: a `Const<1>` axis does not stretch (use `One`)",
                fmt_dims(&out_dims)
            ),
        )
    })?;
    let bs: Vec<Vec<usize>> = (0..K)
        .map(|k| broadcast_strides(dims[k], strides[k], &out_dims))
        .collect();
    let refs: [&[usize]; K] = core::array::from_fn(|k| bs[k].as_slice());
    let mut out = Vec::with_capacity(shape.numel());
    for_each_offsets(&out_dims, refs, |offs| out.push(f(offs)));
    Ok(Tensor::from_parts(
        Storage::from_vec(out),
        shape,
        shape.row_major_strides(),
    ))
}

/// The comparison `cmp` of two views broadcast together.
fn compare<T: Scalar, SA: Shape, SB: Shape, SO: Shape>(
    op: &'static str,
    a: TensorView<'_, T, SA>,
    b: TensorView<'_, T, SB>,
    cmp: impl Fn(T, T) -> bool,
) -> Result<Tensor<bool, SO>, ShapeError> {
    let (da, db, sa, sb) = (a.dims(), b.dims(), a.strides(), b.strides());
    let (ra, rb) = (a.raw_data(), b.raw_data());
    broadcast_collect(
        op,
        [da.as_ref(), db.as_ref()],
        [sa.as_ref(), sb.as_ref()],
        [SA::NAMES, SB::NAMES],
        |[i, j]| cmp(ra[i], rb[j]),
    )
}

macro_rules! comparison {
    ($($name:ident $try_name:ident $scalar_name:ident $sym:tt $what:literal $example:literal $scalar_example:literal;)*) => {
        impl<T: Scalar, S: Shape, D: Data<T>> Tensor<T, S, D> {
            $(
                #[doc = concat!("The mask `a ", stringify!($sym), " b` (numpy's `", $what, "`), elementwise with broadcasting: a `bool` tensor of the broadcast shape. Comparisons with NaN are false.")]
                ///
                /// # Panics
                #[doc = concat!("When `Dyn` sizes do not broadcast (see `", stringify!($try_name), "`).")]
                ///
                /// ```
                /// use shaped::tensor;
                /// let a = tensor![[1., 2.], [3., f64::NAN]];
                /// let b = tensor![2., 2.];
                #[doc = concat!("let m = a.", stringify!($name), "(&b); // (2, 2) with (2,) -> (2, 2)")]
                #[doc = concat!("assert_eq!(m.as_slice(), &", $example, ");")]
                /// ```
                #[track_caller]
                pub fn $name<S2: Shape>(
                    &self,
                    other: &impl AsView<T, S2>,
                ) -> Tensor<bool, <S as BroadcastShapes<S2>>::Out>
                where
                    S: BroadcastShapes<S2>,
                {
                    unwrap_or_panic(self.$try_name(other))
                }

                #[doc = concat!("`", stringify!($name), "` that returns an error when `Dyn` sizes do not broadcast.")]
                ///
                /// # Errors
                /// [`ShapeError`] naming both shapes.
                ///
                /// ```
                /// use shaped::{Dyn, Tensor};
                /// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
                /// let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
                #[doc = concat!("assert!(a.", stringify!($try_name), "(&b).is_err());")]
                /// ```
                pub fn $try_name<S2: Shape>(
                    &self,
                    other: &impl AsView<T, S2>,
                ) -> Result<Tensor<bool, <S as BroadcastShapes<S2>>::Out>, ShapeError>
                where
                    S: BroadcastShapes<S2>,
                {
                    compare(stringify!($name), AsView::view(self), other.view(), |a, b| a $sym b)
                }

                #[doc = concat!("The mask `x ", stringify!($sym), " value` (numpy's `", $what, "` with a scalar), elementwise: a `bool` tensor of the same shape. Comparisons with NaN are false.")]
                ///
                /// ```
                /// use shaped::tensor;
                /// let x = tensor![1., 2., 3., f64::NAN];
                #[doc = concat!("assert_eq!(x.", stringify!($scalar_name), "(2.).as_slice(), &", $scalar_example, ");")]
                /// ```
                pub fn $scalar_name(&self, value: T) -> Tensor<bool, S> {
                    let v = AsView::view(self);
                    let data = v.iter().map(|&a| a $sym value).collect();
                    let shape = v.shape();
                    Tensor::from_parts(Storage::from_vec(data), shape, shape.row_major_strides())
                }
            )*
        }
    };
}

// One generated triple of methods per comparison (`gt` / `try_gt` / `gt_scalar`, ...): the
// five differ only in the operator.
comparison! {
    gt try_gt gt_scalar > "greater" "[false, false, true, false]" "[false, false, true, false]";
    lt try_lt lt_scalar < "less" "[true, false, false, false]" "[true, false, false, false]";
    ge try_ge ge_scalar >= "greater_equal" "[false, true, true, false]" "[false, true, true, false]";
    le try_le le_scalar <= "less_equal" "[true, true, false, false]" "[true, true, false, false]";
    eq_elem try_eq_elem eq_scalar == "equal" "[false, true, false, false]" "[false, true, false, false]";
}

impl<S: Shape, D: Data<bool>> Tensor<bool, S, D> {
    /// Whether any element is true (false for an empty mask).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![1., -2., 3.];
    /// assert!(x.lt_scalar(0.).any());
    /// ```
    pub fn any(&self) -> bool {
        self.view().iter().any(|&b| b)
    }

    /// Whether every element is true (true for an empty mask).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![1., 2., 3.];
    /// assert!(x.gt_scalar(0.).all());
    /// ```
    pub fn all(&self) -> bool {
        self.view().iter().all(|&b| b)
    }

    /// The number of true elements (numpy's `count_nonzero`).
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![1, 5, 3].gt_scalar(2).count(), 2);
    /// ```
    pub fn count(&self) -> usize {
        self.view().iter().filter(|&&b| b).count()
    }
}

/// numpy's `where(mask, a, b)`: `a` where the mask is true, `b` elsewhere, with the three
/// shapes broadcast together. It selects, never blends: a NaN or inf in the branch not taken
/// does not reach the result.
///
/// # Panics
/// When `Dyn` sizes do not broadcast (see [`try_where_`]).
///
/// ```
/// use shaped::{tensor, where_, Scalar0};
/// let x = tensor![-1., 2., -3.];
/// let zero = Scalar0::full(0.0); // a rank-0 tensor broadcasts against any shape
/// let r = where_(&x.gt_scalar(0.), &x, &zero); // relu by a mask
/// assert_eq!(r.as_slice(), &[0., 2., 0.]);
/// ```
#[track_caller]
#[allow(clippy::type_complexity)]
pub fn where_<T: Element, SM, SA: Shape, SB: Shape>(
    mask: &impl AsView<bool, SM>,
    a: &impl AsView<T, SA>,
    b: &impl AsView<T, SB>,
) -> Tensor<T, <<SM as BroadcastShapes<SA>>::Out as BroadcastShapes<SB>>::Out>
where
    SM: BroadcastShapes<SA>,
    <SM as BroadcastShapes<SA>>::Out: BroadcastShapes<SB>,
{
    unwrap_or_panic(try_where_(mask, a, b))
}

/// [`where_`] that returns an error when `Dyn` sizes do not broadcast.
///
/// # Errors
/// [`ShapeError`] naming two shapes that do not broadcast.
///
/// ```
/// use shaped::{try_where_, Dyn, Tensor};
/// let m = Tensor::<bool, (Dyn,)>::from_vec((Dyn(2),), vec![true, false])?;
/// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
/// assert!(try_where_(&m, &a, &a).is_err());
/// # Ok::<(), shaped::ShapeError>(())
/// ```
#[allow(clippy::type_complexity)]
pub fn try_where_<T: Element, SM, SA: Shape, SB: Shape>(
    mask: &impl AsView<bool, SM>,
    a: &impl AsView<T, SA>,
    b: &impl AsView<T, SB>,
) -> Result<Tensor<T, <<SM as BroadcastShapes<SA>>::Out as BroadcastShapes<SB>>::Out>, ShapeError>
where
    SM: BroadcastShapes<SA>,
    <SM as BroadcastShapes<SA>>::Out: BroadcastShapes<SB>,
{
    let (m, a, b) = (mask.view(), a.view(), b.view());
    let (dm, da, db) = (m.dims(), a.dims(), b.dims());
    let (sm, sa, sb) = (m.strides(), a.strides(), b.strides());
    let (rm, ra, rb) = (m.raw_data(), a.raw_data(), b.raw_data());
    broadcast_collect(
        "where_",
        [dm.as_ref(), da.as_ref(), db.as_ref()],
        [sm.as_ref(), sa.as_ref(), sb.as_ref()],
        [SM::NAMES, SA::NAMES, SB::NAMES],
        |[i, j, k]| if rm[i] { ra[j] } else { rb[k] },
    )
}
