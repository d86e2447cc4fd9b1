//! Selection by index tensors and joining along a new axis: `x.take::<A, _>(&idx)`,
//! `x.take_along_axis::<A, _>(&idx)`, `Tensor::stack::<A, _>(&[x0, x1, ..])`.
//!
//! Index tensors hold `usize` (what `argsort`, `argmax_axis` and `topk` return); numpy's
//! negative indices are not supported. An index out of range panics in the plain methods and
//! is a [`ShapeError`] from their `try_` twins.

use super::kernels::{broadcast_strides, for_each_offsets};
use crate::dim::{AnyDim, Const, One};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Element;
use crate::shape::{BroadcastShapes, InsertAxis, ReplaceAxis, Shape, broadcast_dims, fmt_dims};
use crate::tensor::{AsView, Data, Storage, Tensor};

/// A shape that can index an axis: a vector `(K,)`; `Len` is its dim, which replaces the
/// indexed axis in the result of `take`.
///
/// ```
/// use shaped::{ops::index::IndexVector, Dyn};
/// fn len<S: IndexVector>() {}
/// len::<(Dyn,)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "take: the indices must be a vector (rank 1), not a tensor of shape `{Self}`",
    label = "indices of shape `{Self}`",
    note = "`take::<A, _>(&idx)` replaces axis A by the length of idx; flatten a multi-axis index tensor first, or use `take_along_axis`"
)]
pub trait IndexVector: Shape<Index = [usize; 1]> {
    /// The dim of the index vector.
    type Len: AnyDim;
}

#[diagnostic::do_not_recommend]
impl<K: AnyDim> IndexVector for (K,) {
    type Len = K;
}

/// An index tensor of shape `SI` for a tensor of shape `Self` in `take_along_axis`: the two
/// ranks must be equal.
///
/// ```
/// use shaped::{ops::index::AlongAxisIndex, Const, Dyn, One};
/// fn ok<S: AlongAxisIndex<SI>, SI: shaped::Shape>() {}
/// ok::<(Dyn, Const<5>), (Dyn, One)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "take_along_axis: the indices of shape `{SI}` must have the rank of the tensor of shape `{Self}`",
    label = "indices of another rank",
    note = "`take_along_axis::<A, _>(&idx)` picks along axis A with one index per position of idx, whose other axes broadcast against the tensor's; use `take` for a vector of indices"
)]
pub trait AlongAxisIndex<SI: Shape>: Shape {}

/// `AlongAxisIndex` for one rank: `(A0, A1): AlongAxisIndex<(B0, B1)>`.
macro_rules! along_axis_index {
    ($(($($a:ident),*) ($($b:ident),*);)*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim,)* $($b: AnyDim,)*> AlongAxisIndex<($($b,)*)> for ($($a,)*) {}
    )*};
}

along_axis_index! {
    () ();
    (A0) (B0);
    (A0, A1) (B0, B1);
    (A0, A1, A2) (B0, B1, B2);
    (A0, A1, A2, A3) (B0, B1, B2, B3);
    (A0, A1, A2, A3, A4) (B0, B1, B2, B3, B4);
    (A0, A1, A2, A3, A4, A5) (B0, B1, B2, B3, B4, B5);
}

/// A row-major tensor of `shape` over `data` (exactly its element count).
fn owned<T: Element, S: Shape>(shape: S, data: Vec<T>) -> Tensor<T, S> {
    Tensor::from_parts(Storage::from_vec(data), shape, shape.row_major_strides())
}

fn out_of_range(op: &'static str, dims: &[usize], axis: usize, i: usize) -> ShapeError {
    ShapeError::new(
        op,
        dims,
        format!(
            "index {i} is out of range for axis {axis} of length {} in shape {}",
            dims[axis],
            fmt_dims(dims)
        ),
    )
}

impl<T: Element, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The slices at positions `idx` along axis `A`, in that order (numpy's `take(x, idx,
    /// axis=A)`): axis `A` is replaced by the index count, (N, D) by (K,) -> (K, D) for `A = 0`.
    ///
    /// # Panics
    /// When an index is out of range (see `try_take`).
    ///
    /// ```
    /// use shaped::{tensor, Const, Tensor, Vector};
    /// let x = tensor![[1, 2], [3, 4], [5, 6]];
    /// let idx: Vector<usize, 2> = tensor![2, 0];
    /// let rows: Tensor<i32, (Const<2>, Const<2>)> = x.take::<0, _>(&idx);
    /// assert_eq!(rows.as_slice(), &[5, 6, 1, 2]);
    /// assert_eq!(x.take::<1, _>(&tensor![1]).as_slice(), &[2, 4, 6]);
    /// ```
    #[track_caller]
    pub fn take<const A: usize, SI: IndexVector>(
        &self,
        idx: &impl AsView<usize, SI>,
    ) -> Tensor<T, <S as ReplaceAxis<A, SI::Len>>::Out>
    where
        S: ReplaceAxis<A, SI::Len>,
    {
        unwrap_or_panic(self.try_take::<A, SI>(idx))
    }

    /// `take` that returns an error for an index out of range.
    ///
    /// # Errors
    /// [`ShapeError`] naming the index, the axis and the shape.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2], [3, 4]];
    /// assert_eq!(x.try_take::<0, _>(&tensor![5]).unwrap_err().to_string(),
    ///            "take: index 5 is out of range for axis 0 of length 2 in shape (2, 2)");
    /// ```
    pub fn try_take<const A: usize, SI: IndexVector>(
        &self,
        idx: &impl AsView<usize, SI>,
    ) -> Result<Tensor<T, <S as ReplaceAxis<A, SI::Len>>::Out>, ShapeError>
    where
        S: ReplaceAxis<A, SI::Len>,
    {
        let v = AsView::view(self);
        let (dims, strides) = (v.dims(), v.strides());
        let (d, st) = (dims.as_ref(), strides.as_ref());
        let iv = idx.view();
        let copied: Vec<usize>;
        let ix: &[usize] = match iv.as_slice() {
            Some(s) => s,
            None => {
                copied = iv.iter().copied().collect();
                &copied
            }
        };
        if let Some(&bad) = ix.iter().find(|&&i| i >= d[A]) {
            return Err(out_of_range("take", d, A, bad));
        }
        let mut out_dims = d.to_vec();
        out_dims[A] = ix.len();
        let shape = <S as ReplaceAxis<A, SI::Len>>::Out::try_from_dims(&out_dims)
            .expect("the index vector's dim fixes the result's axis");
        let data = v.raw_data();
        let outer: usize = d[..A].iter().product();
        let mut out = Vec::with_capacity(shape.numel());
        if let Some(x) = v.as_slice() {
            // row-major: each selected slice is one contiguous block of the axes after A
            let inner: usize = d[A + 1..].iter().product();
            for o in 0..outer {
                let base = o * d[A] * inner;
                for &i in ix {
                    out.extend_from_slice(&x[base + i * inner..base + (i + 1) * inner]);
                }
            }
            return Ok(owned(shape, out));
        }
        // the rest of the axes after A, walked in row-major order from each selected slice
        let (rest_d, rest_s) = (&d[A + 1..], &st[A + 1..]);
        let mut outer_idx = vec![0usize; A];
        for o in 0..outer {
            // offset of the o-th combination of the leading axes
            let mut rem = o;
            for k in (0..A).rev() {
                outer_idx[k] = rem % d[k];
                rem /= d[k];
            }
            let base: usize = outer_idx.iter().zip(st).map(|(i, s)| i * s).sum();
            for &i in ix {
                let start = base + i * st[A];
                if rest_d.iter().all(|&n| n > 0) {
                    for_each_offsets(rest_d, [rest_s], |[off]| out.push(data[start + off]));
                }
            }
        }
        Ok(owned(shape, out))
    }

    /// Picks along axis `A` by an index tensor of the same rank (numpy's
    /// `take_along_axis`): `out[.., i, ..] = x[.., idx[.., i, ..], ..]`; the other axes of
    /// `idx` broadcast against `x`'s. With the output of `argsort::<A>()` it sorts; with
    /// `argmax_keepdim::<A>()` it gathers the maxima.
    ///
    /// # Panics
    /// When an index is out of range or `Dyn` sizes do not broadcast (see
    /// `try_take_along_axis`).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[10, 30, 20], [60, 50, 40]];
    /// let order = x.argsort::<1>();
    /// assert_eq!(x.take_along_axis::<1, _>(&order).as_slice(), &[10, 20, 30, 40, 50, 60]);
    /// let picked = x.take_along_axis::<1, _>(&tensor![[2], [0]]); // (2, 3) by (2, 1) -> (2, 1)
    /// assert_eq!(picked.as_slice(), &[20, 60]);
    /// ```
    #[track_caller]
    pub fn take_along_axis<const A: usize, SI: Shape>(
        &self,
        idx: &Tensor<usize, SI, impl Data<usize>>,
    ) -> Tensor<T, <<S as ReplaceAxis<A, One>>::Out as BroadcastShapes<SI>>::Out>
    where
        S: ReplaceAxis<A, One> + AlongAxisIndex<SI>,
        <S as ReplaceAxis<A, One>>::Out: BroadcastShapes<SI>,
    {
        unwrap_or_panic(self.try_take_along_axis::<A, SI>(idx))
    }

    /// `take_along_axis` that returns an error for an index out of range or sizes that do
    /// not broadcast.
    ///
    /// # Errors
    /// [`ShapeError`] naming the shapes (or the index and the axis).
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1, 2], [3, 4]];
    /// assert!(x.try_take_along_axis::<1, _>(&tensor![[0], [2]]).is_err());
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn try_take_along_axis<const A: usize, SI: Shape>(
        &self,
        idx: &Tensor<usize, SI, impl Data<usize>>,
    ) -> Result<Tensor<T, <<S as ReplaceAxis<A, One>>::Out as BroadcastShapes<SI>>::Out>, ShapeError>
    where
        S: ReplaceAxis<A, One> + AlongAxisIndex<SI>,
        <S as ReplaceAxis<A, One>>::Out: BroadcastShapes<SI>,
    {
        let v = AsView::view(self);
        let iv = idx.view();
        let (dims, strides, idims) = (v.dims(), v.strides(), iv.dims());
        let (d, st, di) = (dims.as_ref(), strides.as_ref(), idims.as_ref());
        let mut d1 = d.to_vec();
        d1[A] = 1;
        let out_dims = broadcast_dims(&d1, di).ok_or_else(|| {
            ShapeError::pair(
                "take_along_axis",
                d,
                di,
                format!(
                    "indices {} do not broadcast against {} outside axis {A}",
                    fmt_dims(di),
                    fmt_dims(d)
                ),
            )
        })?;
        let shape =
            <<S as ReplaceAxis<A, One>>::Out as BroadcastShapes<SI>>::Out::try_from_dims(&out_dims)
                .ok_or_else(|| ShapeError::broadcast("take_along_axis", &d1, di))?;
        // x's strides broadcast to the output (axis A walked by the index), idx's likewise
        let mut sx = broadcast_strides(&d1, st, &out_dims);
        sx[A] = 0;
        let si = broadcast_strides(di, iv.strides().as_ref(), &out_dims);
        let (data, ix) = (v.raw_data(), iv.raw_data());
        let mut out = Vec::with_capacity(shape.numel());
        let mut bad = None;
        for_each_offsets(&out_dims, [&sx, &si], |[ox, oi]| {
            let i = ix[oi];
            if i < d[A] {
                out.push(data[ox + i * st[A]]);
            } else {
                bad.get_or_insert(i);
                out.push(data[0]);
            }
        });
        if let Some(i) = bad {
            return Err(out_of_range("take_along_axis", d, A, i));
        }
        Ok(owned(shape, out))
    }
}

impl<T: Element, S: Shape> Tensor<T, S> {
    /// Joins `N` tensors of one shape along a new axis at position `A` (numpy's `stack`):
    /// three (N, D) give `(Const<3>, N, D)` for `A = 0`, `(N, Const<3>, D)` for `A = 1`. The
    /// count is inferred from the array: `Tensor::stack::<0, _>(&[a, b, c])`. Tensors and views
    /// (or references to them) all work, as long as the array holds one type.
    ///
    /// # Panics
    /// When `Dyn` sizes differ at run time (see `try_stack`).
    ///
    /// ```
    /// use shaped::{tensor, Const, Tensor, Vector};
    /// let a: Vector<i32, 2> = tensor![1, 2];
    /// let b: Vector<i32, 2> = tensor![3, 4];
    /// let rows: Tensor<i32, (Const<2>, Const<2>)> = Tensor::stack::<0, _>(&[&a, &b]);
    /// assert_eq!(rows.as_slice(), &[1, 2, 3, 4]);
    /// let cols = Tensor::stack::<1, _>(&[a.view(), b.view()]);
    /// assert_eq!(cols.as_slice(), &[1, 3, 2, 4]);
    /// ```
    #[track_caller]
    pub fn stack<const A: usize, const N: usize>(
        xs: &[impl AsView<T, S>; N],
    ) -> Tensor<T, <<S as InsertAxis<A>>::Out as ReplaceAxis<A, Const<N>>>::Out>
    where
        S: InsertAxis<A>,
        <S as InsertAxis<A>>::Out: ReplaceAxis<A, Const<N>>,
    {
        unwrap_or_panic(Self::try_stack::<A, N>(xs))
    }

    /// `stack` that returns an error when `Dyn` sizes differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming the first two shapes that differ.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    /// let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// assert_eq!(Tensor::try_stack::<0, _>(&[&a, &b]).unwrap_err().to_string(),
    ///            "stack: shapes (2,) and (3,) differ");
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn try_stack<const A: usize, const N: usize>(
        xs: &[impl AsView<T, S>; N],
    ) -> Result<Tensor<T, <<S as InsertAxis<A>>::Out as ReplaceAxis<A, Const<N>>>::Out>, ShapeError>
    where
        S: InsertAxis<A>,
        <S as InsertAxis<A>>::Out: ReplaceAxis<A, Const<N>>,
    {
        let views: Vec<_> = xs.iter().map(|x| x.view()).collect();
        let Some(first) = views.first() else {
            let mut dims = S::static_dims()
                .iter()
                .map(|d| d.unwrap_or(0))
                .collect::<Vec<_>>();
            dims.insert(A, 0);
            let shape =
                <<S as InsertAxis<A>>::Out as ReplaceAxis<A, Const<N>>>::Out::try_from_dims(&dims)
                    .ok_or_else(|| ShapeError::new("stack", &[], "nothing to stack"))?;
            return Ok(owned(shape, Vec::new()));
        };
        let d0 = first.dims();
        for w in &views[1..] {
            if w.dims().as_ref() != d0.as_ref() {
                return Err(
                    ShapeError::mismatch("stack", d0.as_ref(), w.dims().as_ref())
                        .with_names(S::NAMES, S::NAMES),
                );
            }
        }
        let d = d0.as_ref();
        let mut out_dims = d.to_vec();
        out_dims.insert(A, N);
        let shape =
            <<S as InsertAxis<A>>::Out as ReplaceAxis<A, Const<N>>>::Out::try_from_dims(&out_dims)
                .expect("the inserted axis has N entries");
        // row-major output: for each combination of the axes before A, each input's block
        let outer: usize = d[..A].iter().product();
        let inner: usize = d[A..].iter().product();
        let mut out = Vec::with_capacity(shape.numel());
        let contiguous: Vec<Option<&[T]>> = views.iter().map(|w| w.as_slice()).collect();
        let flat: Vec<Vec<T>> = views
            .iter()
            .zip(&contiguous)
            .map(|(w, c)| {
                if c.is_some() {
                    Vec::new()
                } else {
                    w.iter().copied().collect()
                }
            })
            .collect();
        for o in 0..outer {
            for (c, f) in contiguous.iter().zip(&flat) {
                let src: &[T] = c.unwrap_or(f);
                out.extend_from_slice(&src[o * inner..(o + 1) * inner]);
            }
        }
        Ok(owned(shape, out))
    }
}
