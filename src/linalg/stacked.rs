//! Stacked (batched) linear algebra, numpy's rule: a (B, M, N) tensor is a stack of B
//! matrices, and the 2-D method names apply to each member: `solve`, `inv`, `det`,
//! `slogdet`, `cholesky`, `eigh`, `svd`, `qr`, `pinv`, `matrix_rank`, `matrix_power`,
//! `matrix_norm`, `cond`, `cond_with`.
//!
//! `solve` also takes two batch dims, (B1, B2, N, N), broadcast pairwise against the right-hand
//! side's (numpy's rule).
//!
//! `solve`, `inv`, `det`, `slogdet` and `cholesky` factor each member in one buffer reused
//! across the stack and write into the output's slices (no allocation per member; members up
//! to 16 by an in-place LU, sizes 1 to 8 with constant sizes); the
//! SVD-based and eigen ones call the 2-D method per member. One singular member makes
//! `solve` / `inv` an error (numpy's rule), one non positive definite member `cholesky`;
//! `det` gives 0 and `slogdet` `(0, -inf)` for a singular member.

use std::borrow::Cow;
use std::convert::Infallible;

use crate::derived::MinOf;
use crate::dim::{AnyDim, Broadcast, SameDim};
use crate::error::{LinalgError, ShapeError, unwrap_or_panic};
use crate::linalg::kernels::cholesky as kchol;
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::lu::{self as klu, LuInfo};
use crate::linalg::svd::recompose;
use crate::linalg::{NormOrd, SquareDims};
use crate::ops::kernels::{amax, mul_pow2, range_exponent, scale_pow2};
use crate::parallel;
use crate::scalar::Float;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// A right-hand side of a stacked `solve` with a (B, N, N) stack: `(N,)` (one vector for
/// every member; x is (B, N)), `(N, R)` (one matrix for every member; x is (B, N, R)), or a
/// stack `(B2, N, R)` whose batch broadcasts against `B` (a `One` stretches; x is
/// (broadcast B, N, R)). numpy 2's rule: a right-hand side of rank 2 is a matrix, never a
/// stack of vectors.
///
/// ```
/// use shaped::linalg::StackRhs;
/// use shaped::{Const, One};
/// fn x<S: StackRhs<Const<4>, Const<3>>>() {}
/// x::<(Const<3>,)>();
/// x::<(Const<3>, Const<2>)>();
/// x::<(One, Const<3>, Const<2>)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "right-hand side `{Self}` does not fit a stack of `{B}` matrices with `{N}` rows",
    label = "the rows must match, and a stacked right-hand side's batch must broadcast",
    note = "a stacked solve takes (N,), (N, R), or (B2, N, R) with B2 equal to the batch or `One`"
)]
pub trait StackRhs<B: AnyDim, N: AnyDim>: Shape {
    /// The shape of the solution.
    type Out: Shape;
}

#[diagnostic::do_not_recommend]
impl<B: AnyDim, N: AnyDim, K: SameDim<N>> StackRhs<B, N> for (K,) {
    type Out = (B, K);
}
#[diagnostic::do_not_recommend]
impl<B: AnyDim, N: AnyDim, K: SameDim<N>, R: AnyDim> StackRhs<B, N> for (K, R) {
    type Out = (B, K, R);
}
#[diagnostic::do_not_recommend]
impl<B: Broadcast<B2>, B2: AnyDim, N: AnyDim, K: SameDim<N>, R: AnyDim> StackRhs<B, N>
    for (B2, K, R)
{
    type Out = (<B as Broadcast<B2>>::Out, K, R);
}

/// The factorisations of a stack of symmetric matrices (B, N, N): `values` (B, N) ascending
/// per member, `vectors` (B, N, N) orthonormal columns per member.
#[derive(Clone, Debug)]
pub struct SymmetricEigenStack<T, B: AnyDim, N: AnyDim> {
    /// The eigenvalues of each member, ascending: (B, N).
    pub values: Tensor<T, (B, N)>,
    /// The eigenvectors of each member, as columns: (B, N, N).
    pub vectors: Tensor<T, (B, N, N)>,
}

/// The thin SVDs of a stack (B, M, N), K = `MinOf<M, N>`: `u` (B, M, K), `s` (B, K)
/// descending per member, `vt` (B, K, N).
#[derive(Clone, Debug)]
pub struct SvdStack<T, B: AnyDim, M: AnyDim, N: AnyDim> {
    /// The left singular vectors of each member: (B, M, K).
    pub u: Tensor<T, (B, M, MinOf<M, N>)>,
    /// The singular values of each member, descending: (B, K).
    pub s: Tensor<T, (B, MinOf<M, N>)>,
    /// The right singular vectors of each member, as rows: (B, K, N).
    pub vt: Tensor<T, (B, MinOf<M, N>, N)>,
}

impl<T: Float, B: AnyDim, N: AnyDim> SymmetricEigenStack<T, B, N> {
    /// The product `V_i diag(w_i) V_i^T` of each member: (B, N, N), the stack decomposed.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 1, 2, 2> = tensor![[[2., 1.], [1., 2.]]];
    /// let back = a.eigh()?.reconstruct();
    /// assert!(back.iter().zip(a.iter()).all(|(x, y)| (x - y).abs() < 1e-14));
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn reconstruct(&self) -> Tensor<T, (B, N, N)> {
        let (bd, nd, _) = self.vectors.shape();
        let mut out = Vec::with_capacity(self.vectors.numel());
        for i in 0..bd.size() {
            let v = self.vectors.view().select::<0>(i);
            let w = self.values.view().select::<0>(i).to_tensor();
            out.extend(recompose(v, w.as_slice(), v.t()).into_vec());
        }
        Tensor::from_data((bd, nd, nd), out)
    }
}

/// The thin QR factorisations of a stack (B, M, N), K = `MinOf<M, N>`: `q` (B, M, K),
/// `r` (B, K, N).
#[derive(Clone, Debug)]
pub struct QrStack<T, B: AnyDim, M: AnyDim, N: AnyDim> {
    /// Q of each member: (B, M, K).
    pub q: Tensor<T, (B, M, MinOf<M, N>)>,
    /// R of each member: (B, K, N).
    pub r: Tensor<T, (B, MinOf<M, N>, N)>,
}

impl<T: Float, B: AnyDim, M: AnyDim, N: AnyDim> SvdStack<T, B, M, N> {
    /// The product `U_i diag(s_i) V_i^T` of each member: (B, M, N), the stack decomposed.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 1, 2, 3> = tensor![[[3., 0., 1.], [1., 2., 0.]]];
    /// let back = a.svd()?.reconstruct();
    /// assert!(back.iter().zip(a.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn reconstruct(&self) -> Tensor<T, (B, M, N)> {
        let (bd, md, _) = self.u.shape();
        let nd = self.vt.shape().2;
        let mut out = Vec::with_capacity(bd.size() * md.size() * nd.size());
        for i in 0..bd.size() {
            let s = self.s.view().select::<0>(i).to_tensor();
            let m = recompose(
                self.u.view().select::<0>(i),
                s.as_slice(),
                self.vt.view().select::<0>(i),
            );
            out.extend(m.into_vec());
        }
        Tensor::from_data((bd, md, nd), out)
    }
}

/// Members up to this size are factored by [`lu_small`], in place in the buffer reused across
/// the stack; larger ones by the kernel's `lu` (a column-major panel copy, blocked from 64).
/// The kernel's two allocations and two transposing copies per call were most of the time of a
/// (10000, 4, 4) solve (`benches/linalg_stacked.rs`: 2.9x nalgebra's loop before, see
/// BENCHMARKS.md).
const SMALL_LU: usize = 16;

/// Runs `$f::<T, N>`-style specialisations: `small_sizes!(n, |N| expr, otherwise)` expands to a
/// `match` on `n` with an arm for each size 1 to 8 in which `N` is that size as a constant, so
/// that the small loops are unrolled and free of bounds checks; other sizes run `otherwise`.
macro_rules! small_sizes {
    ($n:expr, |$c:ident| $body:expr, $otherwise:expr) => {
        match $n {
            1 => {
                const $c: usize = 1;
                $body
            }
            2 => {
                const $c: usize = 2;
                $body
            }
            3 => {
                const $c: usize = 3;
                $body
            }
            4 => {
                const $c: usize = 4;
                $body
            }
            5 => {
                const $c: usize = 5;
                $body
            }
            6 => {
                const $c: usize = 6;
                $body
            }
            7 => {
                const $c: usize = 7;
                $body
            }
            8 => {
                const $c: usize = 8;
                $body
            }
            _ => $otherwise,
        }
    };
}

/// `P A = L U` of the row-major `n x n` matrix `a` in place, with partial pivoting and whole
/// row swaps: the contract and the arithmetic of the kernel's `lu_unblocked` (a zero pivot is
/// recorded and its column left as is), with no allocation. Sizes 1 to 8 run with `n` a
/// constant (a third of the time of a (10000, 4, 4) solve went to loop overhead before).
fn lu_small<T: Float>(a: &mut [T], n: usize, perm: &mut [usize]) -> LuInfo {
    small_sizes!(
        n,
        |N| lu_small_core(&mut a[..N * N], N, &mut perm[..N]),
        lu_small_core(a, n, perm)
    )
}

#[inline(always)]
fn lu_small_core<T: Float>(a: &mut [T], n: usize, perm: &mut [usize]) -> LuInfo {
    let mut info = LuInfo {
        first_zero_pivot: None,
        odd: false,
    };
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    for k in 0..n {
        // Pivot: the first largest magnitude in column k at or below the diagonal.
        let mut piv = k;
        let mut best = a[k * n + k].abs();
        for i in k + 1..n {
            let v = a[i * n + k].abs();
            if v > best {
                best = v;
                piv = i;
            }
        }
        if piv != k {
            let (top, bottom) = a.split_at_mut(piv * n);
            top[k * n..k * n + n].swap_with_slice(&mut bottom[..n]);
            perm.swap(k, piv);
            info.odd = !info.odd;
        }
        let pivot = a[k * n + k];
        if pivot == T::ZERO {
            info.first_zero_pivot.get_or_insert(k);
            continue;
        }
        let (done, rest) = a.split_at_mut((k + 1) * n);
        let uk = &done[k * n + k + 1..k * n + n];
        for row in rest.chunks_exact_mut(n) {
            // Division rather than a reciprocal, as the kernel: exact multiples give exact 0s.
            let l = row[k] / pivot;
            row[k] = l;
            // A zero multiplier changes nothing (and 0 * inf would be NaN): skipped.
            if l != T::ZERO {
                for (x, &u) in row[k + 1..].iter_mut().zip(uk) {
                    *x -= l * u;
                }
            }
        }
    }
    info
}

/// Copies `src` into `dst` (of the same length) and returns the largest magnitude, NaN or
/// infinite when `src` holds NaN or an infinity (as `amax`), in four independent lanes: the
/// one-lane fold of `amax` was a third of the factoring of a 4 x 4 member.
#[inline]
fn copy_amax<T: Float>(dst: &mut [T], src: &[T]) -> T {
    let lane = |m: T, v: T| {
        let a = v.abs();
        if a > m || a.is_nan() { a } else { m }
    };
    let mut acc = [T::ZERO; 4];
    let (mut dc, mut sc) = (dst.chunks_exact_mut(4), src.chunks_exact(4));
    for (d, s) in (&mut dc).zip(&mut sc) {
        for k in 0..4 {
            d[k] = s[k];
            acc[k] = lane(acc[k], s[k]);
        }
    }
    for (d, &v) in dc.into_remainder().iter_mut().zip(sc.remainder()) {
        *d = v;
        acc[0] = lane(acc[0], v);
    }
    lane(lane(lane(acc[0], acc[1]), acc[2]), acc[3])
}

/// One member's LU, in buffers reused across the stack.
struct LuWork<T> {
    n: usize,
    lu: Vec<T>,
    perm: Vec<usize>,
}

impl<T: Float> LuWork<T> {
    fn new(n: usize) -> Self {
        LuWork {
            n,
            lu: vec![T::ZERO; n * n],
            perm: vec![0; n],
        }
    }

    /// Factors the member `mv` (scaled by a power of two as `Lu::new` does); `None` when it
    /// holds NaN or an infinity.
    fn factor<M: AnyDim, N: AnyDim>(
        &mut self,
        mv: &TensorView<'_, T, (M, N)>,
    ) -> Option<(LuInfo, i32)> {
        let [rs, cs] = mv.strides();
        self.factor_raw(mv.raw_data(), rs, cs)
    }

    /// [`Self::factor`] of member `i` of a stack, read in place (no view built per member).
    fn factor_member<B: AnyDim, M: AnyDim, N: AnyDim>(
        &mut self,
        stack: &TensorView<'_, T, (B, M, N)>,
        i: usize,
    ) -> Option<(LuInfo, i32)> {
        let [s0, rs, cs] = stack.strides();
        self.factor_raw(&stack.raw_data()[i * s0..], rs, cs)
    }

    /// [`Self::factor`] of the member at the start of `src`, its rows `rs` and its columns `cs`
    /// elements apart.
    fn factor_raw(&mut self, src: &[T], rs: usize, cs: usize) -> Option<(LuInfo, i32)> {
        let n = self.n;
        // `big` is NaN or infinite exactly when the member holds NaN or an infinity.
        let big = if cs == 1 && rs == n {
            copy_amax(&mut self.lu, &src[..n * n])
        } else {
            copy_map(n, n, src, rs, cs, &mut self.lu, n, 1, |x| x);
            amax(&self.lu)
        };
        if !big.is_finite() {
            return None;
        }
        let scale = range_exponent(big);
        scale_pow2(&mut self.lu, scale.into());
        let info = if n <= SMALL_LU {
            lu_small(&mut self.lu, n, &mut self.perm)
        } else {
            klu::lu(&mut self.lu, n, n, &mut self.perm)
        };
        Some((info, scale))
    }

    /// Solves `A x = b` with the factors: `x` holds the `n x r` right-hand sides (row-major)
    /// and is overwritten by the solutions; `work` holds `n * r` elements.
    fn solve_in_place(&self, x: &mut [T], r: usize, work: &mut [T]) {
        let n = self.n;
        if n > SMALL_LU {
            klu::lu_solve(&self.lu, n, n, &self.perm, x, r, r, work);
            return;
        }
        // Small members: the substitutions inline, `L y = P b` into `work`, then `U x = y`
        // straight into `x` (no call, no copy, per member); one right-hand side of sizes 1 to
        // 8 with constant sizes.
        if r == 1 {
            small_sizes!(
                n,
                |N| subst_small(
                    &self.lu[..N * N],
                    N,
                    &self.perm[..N],
                    &mut x[..N],
                    1,
                    &mut work[..N]
                ),
                subst_small(&self.lu, n, &self.perm, x, 1, work)
            )
        } else {
            subst_small(&self.lu, n, &self.perm, x, r, work);
        }
    }
}

/// The forward and back substitutions of [`LuWork::solve_in_place`] for small members.
#[inline(always)]
fn subst_small<T: Float>(
    lu: &[T],
    n: usize,
    perm: &[usize],
    x: &mut [T],
    r: usize,
    work: &mut [T],
) {
    for (i, &p) in perm.iter().enumerate() {
        let li = &lu[i * n..i * n + i];
        for c in 0..r {
            let mut v = x[p * r + c];
            for (q, &l) in li.iter().enumerate() {
                v -= l * work[q * r + c];
            }
            work[i * r + c] = v;
        }
    }
    for i in (0..n).rev() {
        let ui = &lu[i * n + i + 1..i * n + n];
        let d = T::ONE / lu[i * n + i];
        for c in 0..r {
            let mut v = work[i * r + c];
            for (q, &u) in ui.iter().enumerate() {
                v -= u * x[(i + 1 + q) * r + c];
            }
            x[i * r + c] = v * d;
        }
    }
}

impl<T: Float> LuWork<T> {
    fn det(&self, info: &LuInfo, scale: i32) -> T {
        let n = self.n;
        let mut d = if info.odd { -T::ONE } else { T::ONE };
        for i in 0..n {
            d *= self.lu[i * n + i];
        }
        mul_pow2(d, -i64::from(scale) * n as i64)
    }

    fn slogdet(&self, info: &LuInfo, scale: i32) -> (T, T) {
        let n = self.n;
        let mut sign = if info.odd { -T::ONE } else { T::ONE };
        let mut log = T::ZERO;
        for i in 0..n {
            let u = self.lu[i * n + i];
            if u == T::ZERO {
                return (T::ZERO, T::neg_infinity());
            }
            if u < T::ZERO {
                sign = -sign;
            }
            log += u.abs().ln();
        }
        let unscale = -(f64::from(scale) * n as f64) * core::f64::consts::LN_2;
        (sign, log + T::of(unscale))
    }
}

/// Run-time check that the members of a (b, m, n) stack are square.
fn check_square_members(op: &'static str, d: [usize; 3]) -> Result<usize, ShapeError> {
    if d[1] == d[2] {
        Ok(d[1])
    } else {
        Err(ShapeError::new(
            op,
            &d,
            format!(
                "the members of the stack {} are not square ({} rows, {} columns)",
                fmt_dims(&d),
                d[1],
                d[2]
            ),
        ))
    }
}

impl<T: Float, B: AnyDim, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (B, M, N), D> {
    /// Member `i` of the stack, as a matrix view.
    fn member(&self, i: usize) -> TensorView<'_, T, (M, N)> {
        AsView::view(self).select::<0>(i)
    }

    /// Solves `A_i x_i = b_i` for each member of a stack of square matrices (numpy 2's
    /// stacked `solve`): (B, N, N) with (N,) -> (B, N) (one vector for every member), with
    /// (N, R) -> (B, N, R), or with a stack (B2, N, R) -> (B, N, R), the batches broadcast
    /// (a `One` batch, or a `Dyn` of size 1, stretches).
    ///
    /// # Errors
    /// [`LinalgError::Singular`] when any member is exactly singular (numpy fails the whole
    /// call), [`LinalgError::NonFinite`] for NaN or infinite input, [`LinalgError::Shape`]
    /// when `Dyn` sizes disagree (rows, or batches that do not broadcast).
    ///
    /// ```
    /// use shaped::{tensor, Tensor3, Matrix, Vector};
    /// let a: Tensor3<f64, 2, 2, 2> = tensor![[[2., 0.], [0., 4.]], [[1., 1.], [0., 1.]]];
    /// let x = a.solve(&tensor![2., 4.])?; // the same b for both members: (2, 2)
    /// assert_eq!(x.as_slice(), &[1., 1., -2., 4.]);
    /// let bs: Tensor3<f64, 2, 2, 1> = tensor![[[2.], [4.]], [[3.], [1.]]];
    /// let xs = a.solve(&bs)?; // one right-hand side per member: (2, 2, 1)
    /// assert_eq!(xs.as_slice(), &[1., 1., 2., 1.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn solve<SB: StackRhs<B, M>>(
        &self,
        b: &impl AsView<T, SB>,
    ) -> Result<Tensor<T, SB::Out>, LinalgError>
    where
        M: SquareDims<N>,
    {
        const OP: &str = "solve";
        let a = AsView::view(self);
        let b = b.view();
        let ad = a.dims();
        let n = check_square_members(OP, ad)?;
        let bd = b.dims();
        let bd = bd.as_ref();
        let (bb, brows, r) = match bd.len() {
            1 => (None, bd[0], 1),
            2 => (None, bd[0], bd[1]),
            _ => (Some(bd[0]), bd[1], bd[2]),
        };
        let mismatch = |why: String| -> LinalgError { ShapeError::pair(OP, &ad, bd, why).into() };
        if brows != n {
            return Err(mismatch(format!(
                "the stack {} has {n} rows a member but the right-hand side {} has {brows}",
                fmt_dims(&ad),
                fmt_dims(bd)
            )));
        }
        let ba = ad[0];
        let bo = match bb {
            None => ba,
            Some(bb) if bb == ba || bb == 1 => ba,
            Some(bb) if ba == 1 => bb,
            Some(bb) => {
                return Err(mismatch(format!(
                    "the batch {ba} of {} does not broadcast against the batch {bb} of {}",
                    fmt_dims(&ad),
                    fmt_dims(bd)
                )));
            }
        };
        let bvals: Cow<'_, [T]> = match b.as_slice() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(b.iter().copied().collect()),
        };
        if !bvals.iter().all(|x| x.is_finite()) {
            return Err(LinalgError::NonFinite { op: OP });
        }
        let per = n * r;
        let mut out = vec![T::ZERO; bo * per];
        let bvals: &[T] = &bvals;
        // One LU workspace per task; the members split into tasks with the feature `rayon`.
        parallel::try_for_each_member(
            &mut out,
            per,
            bo,
            n * n * n / 3 + n * per,
            || (LuWork::new(n), vec![T::ZERO; per]),
            |(w, work), i, x| {
                let ia = if ba == 1 { 0 } else { i };
                let ib = match bb {
                    Some(bb) if bb != 1 => i,
                    _ => 0,
                };
                let (info, scale) = w
                    .factor_member(&a, ia)
                    .ok_or(LinalgError::NonFinite { op: OP })?;
                if let Some(pivot) = info.first_zero_pivot {
                    return Err(LinalgError::Singular { op: OP, pivot });
                }
                let kb = range_exponent(copy_amax(x, &bvals[ib * per..ib * per + per]));
                scale_pow2(x, kb.into());
                w.solve_in_place(x, r, work);
                scale_pow2(x, i64::from(scale) - i64::from(kb));
                Ok(())
            },
        )?;
        let mut dims = vec![bo, n];
        if bd.len() > 1 {
            dims.push(r);
        }
        let shape = SB::Out::try_from_dims(&dims).ok_or_else(|| {
            mismatch(format!(
                "the solution {} does not fit its type",
                fmt_dims(&dims)
            ))
        })?;
        Ok(Tensor::from_data(shape, out))
    }

    /// The inverse of each member of a stack of square matrices: (B, N, N) -> (B, N, N).
    ///
    /// # Errors
    /// [`LinalgError::Singular`] when any member is exactly singular,
    /// [`LinalgError::NonFinite`] for NaN or infinite input, [`LinalgError::Shape`] for
    /// `Dyn` members that are not square.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 1, 1> = tensor![[[2.]], [[4.]]];
    /// assert_eq!(a.inv()?.as_slice(), &[0.5, 0.25]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn inv(&self) -> Result<Tensor<T, (B, M, N)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let a = AsView::view(self);
        let d = a.dims();
        let n = check_square_members("inv", d)?;
        let per = n * n;
        let mut out = vec![T::ZERO; d[0] * per];
        parallel::try_for_each_member(
            &mut out,
            per,
            d[0],
            n * per,
            || (LuWork::new(n), vec![T::ZERO; per]),
            |(w, work), i, x| {
                let (info, scale) = w
                    .factor(&a.select::<0>(i))
                    .ok_or(LinalgError::NonFinite { op: "inv" })?;
                if let Some(pivot) = info.first_zero_pivot {
                    return Err(LinalgError::Singular { op: "inv", pivot });
                }
                for j in 0..n {
                    x[j * n + j] = T::ONE;
                }
                klu::lu_solve(&w.lu, n, n, &w.perm, x, n, n, work);
                scale_pow2(x, scale.into());
                Ok(())
            },
        )?;
        Ok(Tensor::from_data(a.shape(), out))
    }

    /// The determinant of each member: (B, N, N) -> (B,). 0 for a singular member, NaN for a
    /// member with NaN.
    ///
    /// # Panics
    /// When `Dyn` members are not square (see [`Self::try_det`]).
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 2, 2> = tensor![[[1., 2.], [3., 4.]], [[1., 2.], [2., 4.]]];
    /// let d = a.det();
    /// assert!((d[[0]] + 2.0).abs() < 1e-12);
    /// assert_eq!(d[[1]], 0.0);
    /// ```
    #[track_caller]
    pub fn det(&self) -> Tensor<T, (B,)>
    where
        M: SquareDims<N>,
    {
        unwrap_or_panic(self.try_det())
    }

    /// [`Self::det`] that returns a [`ShapeError`] for `Dyn` members that are not square.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(2), Dyn(3)));
    /// assert!(a.try_det().is_err());
    /// ```
    pub fn try_det(&self) -> Result<Tensor<T, (B,)>, ShapeError> {
        let a = AsView::view(self);
        let d = a.dims();
        let n = check_square_members("det", d)?;
        let mut out = vec![T::ZERO; d[0]];
        let Ok(()) = parallel::try_for_each_member::<_, _, Infallible>(
            &mut out,
            1,
            d[0],
            n * n * n / 3,
            || LuWork::new(n),
            |w, i, o| {
                o[0] = match w.factor(&a.select::<0>(i)) {
                    Some((info, scale)) => w.det(&info, scale),
                    None => T::nan(),
                };
                Ok(())
            },
        );
        Ok(Tensor::from_data((a.shape().0,), out))
    }

    /// The sign and log-magnitude of each member's determinant: (B, N, N) -> two (B,)
    /// tensors; `(0, -inf)` for a singular member, `(NaN, NaN)` for one with NaN.
    ///
    /// # Panics
    /// When `Dyn` members are not square (see [`Self::try_slogdet`]).
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 1, 1> = tensor![[[-2.]], [[0.]]];
    /// let (sign, logdet) = a.slogdet();
    /// assert_eq!(sign.as_slice(), &[-1., 0.]);
    /// assert_eq!(logdet[[1]], f64::NEG_INFINITY);
    /// ```
    #[track_caller]
    pub fn slogdet(&self) -> (Tensor<T, (B,)>, Tensor<T, (B,)>)
    where
        M: SquareDims<N>,
    {
        unwrap_or_panic(self.try_slogdet())
    }

    /// [`Self::slogdet`] that returns a [`ShapeError`] for `Dyn` members that are not square.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(2), Dyn(3)));
    /// assert!(a.try_slogdet().is_err());
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn try_slogdet(&self) -> Result<(Tensor<T, (B,)>, Tensor<T, (B,)>), ShapeError> {
        let a = AsView::view(self);
        let d = a.dims();
        let n = check_square_members("slogdet", d)?;
        let mut pairs = vec![(T::ZERO, T::ZERO); d[0]];
        let Ok(()) = parallel::try_for_each_member::<_, _, Infallible>(
            &mut pairs,
            1,
            d[0],
            n * n * n / 3,
            || LuWork::new(n),
            |w, i, o| {
                o[0] = match w.factor(&a.select::<0>(i)) {
                    Some((info, scale)) => w.slogdet(&info, scale),
                    None => (T::nan(), T::nan()),
                };
                Ok(())
            },
        );
        let (signs, logs): (Vec<T>, Vec<T>) = pairs.into_iter().unzip();
        let bd = (a.shape().0,);
        Ok((Tensor::from_data(bd, signs), Tensor::from_data(bd, logs)))
    }

    /// The Cholesky factor `L` of each member (`A_i = L_i L_i^T`): (B, N, N) -> (B, N, N).
    /// Only the lower triangles are read.
    ///
    /// # Errors
    /// [`LinalgError::NotPositiveDefinite`] when any member is not positive definite,
    /// [`LinalgError::NonFinite`] for NaN or infinite input, [`LinalgError::Shape`] for
    /// `Dyn` members that are not square.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 2, 2> = tensor![[[4., 2.], [2., 5.]], [[9., 0.], [0., 1.]]];
    /// assert_eq!(a.cholesky()?.as_slice(), &[2., 0., 1., 2., 3., 0., 0., 1.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn cholesky(&self) -> Result<Tensor<T, (B, M, N)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        const OP: &str = "cholesky";
        let a = AsView::view(self);
        let d = a.dims();
        let n = check_square_members(OP, d)?;
        let per = n * n;
        let mut out = vec![T::ZERO; d[0] * per];
        parallel::try_for_each_member(
            &mut out,
            per,
            d[0],
            n * per / 6,
            || (),
            |(), i, l| {
                let mv = a.select::<0>(i);
                let [rs, cs] = mv.strides();
                copy_map(n, n, mv.raw_data(), rs, cs, l, n, 1, |x| x);
                let mut lower_amax = T::ZERO;
                for r in 0..n {
                    let row = &l[r * n..r * n + r + 1];
                    if row.iter().any(|x| !x.is_finite()) {
                        return Err(LinalgError::NonFinite { op: OP });
                    }
                    lower_amax = lower_amax.max(amax(row));
                }
                // As `Cholesky::new`: scaled by an even power of two, L unscaled exactly.
                let h = range_exponent(lower_amax).div_euclid(2);
                scale_pow2(l, 2 * i64::from(h));
                kchol::cholesky(l, n, n)
                    .map_err(|pivot| LinalgError::NotPositiveDefinite { op: OP, pivot })?;
                scale_pow2(l, -i64::from(h));
                Ok(())
            },
        )?;
        Ok(Tensor::from_data(a.shape(), out))
    }

    /// The symmetric eigendecomposition of each member (lower triangles read):
    /// (B, N, N) -> values (B, N) ascending, vectors (B, N, N).
    ///
    /// # Errors
    /// As the 2-D [`eigh`](Tensor::eigh), for any member.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 2, 2> = tensor![[[2., 0.], [0., 1.]], [[2., 1.], [1., 2.]]];
    /// let e = a.eigh()?;
    /// assert_eq!(e.values.dims(), [2, 2]);
    /// assert!((e.values[[1, 0]] - 1.0).abs() < 1e-14 && (e.values[[1, 1]] - 3.0).abs() < 1e-14);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn eigh(&self) -> Result<SymmetricEigenStack<T, B, M>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let a = AsView::view(self);
        let d = a.dims();
        let n = check_square_members("eigh", d)?;
        let (mut values, mut vectors) = (
            Vec::with_capacity(d[0] * n),
            Vec::with_capacity(d[0] * n * n),
        );
        // The members' factorisations split into tasks with the feature `rayon`.
        let members = parallel::try_map_indices(d[0], 10 * n * n * n, |i| a.select::<0>(i).eigh())?;
        for e in &members {
            values.extend_from_slice(e.values.as_slice());
            vectors.extend_from_slice(e.vectors.as_slice());
        }
        let (bd, md, _) = a.shape();
        Ok(SymmetricEigenStack {
            values: Tensor::from_data((bd, md), values),
            vectors: Tensor::from_data((bd, md, md), vectors),
        })
    }

    /// The thin SVD of each member: (B, M, N) -> u (B, M, K), s (B, K), vt (B, K, N),
    /// K = `MinOf<M, N>`.
    ///
    /// # Errors
    /// As the 2-D [`svd`](Tensor::svd), for any member.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 2, 1> = tensor![[[3.], [4.]], [[0.], [2.]]];
    /// let f = a.svd()?;
    /// assert_eq!(f.u.dims(), [2, 2, 1]);
    /// assert_eq!(f.s.as_slice(), &[5., 2.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn svd(&self) -> Result<SvdStack<T, B, M, N>, LinalgError> {
        let a = AsView::view(self);
        let [b, m, n] = a.dims();
        let k = m.min(n);
        let (mut u, mut s, mut vt) = (
            Vec::with_capacity(b * m * k),
            Vec::with_capacity(b * k),
            Vec::with_capacity(b * k * n),
        );
        let members = parallel::try_map_indices(b, 10 * m * n * k, |i| a.select::<0>(i).svd())?;
        for f in &members {
            u.extend_from_slice(f.u.as_slice());
            s.extend_from_slice(f.s.as_slice());
            vt.extend_from_slice(f.vt.as_slice());
        }
        let (bd, md, nd) = a.shape();
        let kd = MinOf::<M, N>::derived(k);
        Ok(SvdStack {
            u: Tensor::from_data((bd, md, kd), u),
            s: Tensor::from_data((bd, kd), s),
            vt: Tensor::from_data((bd, kd, nd), vt),
        })
    }

    /// The thin QR of each member: (B, M, N) -> q (B, M, K), r (B, K, N), K = `MinOf<M, N>`.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite input.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 1, 2, 1> = tensor![[[3.], [4.]]];
    /// let f = a.qr()?;
    /// assert!((f.r[[0, 0, 0]].abs() - 5.0).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn qr(&self) -> Result<QrStack<T, B, M, N>, LinalgError> {
        let a = AsView::view(self);
        let [b, m, n] = a.dims();
        let k = m.min(n);
        let (mut q, mut r) = (Vec::with_capacity(b * m * k), Vec::with_capacity(b * k * n));
        let members = parallel::try_map_indices(b, 2 * m * n * k, |i| a.select::<0>(i).qr())?;
        for f in &members {
            q.extend_from_slice(f.q.as_slice());
            r.extend_from_slice(f.r.as_slice());
        }
        let (bd, md, nd) = a.shape();
        let kd = MinOf::<M, N>::derived(k);
        Ok(QrStack {
            q: Tensor::from_data((bd, md, kd), q),
            r: Tensor::from_data((bd, kd, nd), r),
        })
    }

    /// The pseudo-inverse of each member (numpy 2's default cut-off): (B, M, N) -> (B, N, M).
    ///
    /// # Errors
    /// As the 2-D [`pinv`](Tensor::pinv), for any member.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 1, 1> = tensor![[[2.]], [[0.]]];
    /// assert_eq!(a.pinv()?.as_slice(), &[0.5, 0.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn pinv(&self) -> Result<Tensor<T, (B, N, M)>, LinalgError> {
        self.pinv_stack(|m| m.pinv())
    }

    /// The pseudo-inverse of each member with an explicit cut-off `rcond * s_max`:
    /// (B, M, N) -> (B, N, M).
    ///
    /// # Errors
    /// As the 2-D [`pinv_with`](Tensor::pinv_with), for any member.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 1, 2, 2> = tensor![[[2., 0.], [0., 1e-12]]];
    /// assert_eq!(a.pinv_with(1e-10)?.as_slice(), &[0.5, 0., 0., 0.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn pinv_with(&self, rcond: T) -> Result<Tensor<T, (B, N, M)>, LinalgError> {
        self.pinv_stack(|m| m.pinv_with(rcond))
    }

    /// The numerical rank of each member (numpy's default tolerance): (B, M, N) -> (B,)
    /// counts.
    ///
    /// # Panics
    /// When a member holds NaN or an infinity (see [`Self::try_matrix_rank`]).
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 2, 2> = tensor![[[1., 2.], [2., 4.]], [[1., 0.], [0., 1.]]];
    /// assert_eq!(a.matrix_rank().as_slice(), &[1, 2]);
    /// ```
    #[track_caller]
    pub fn matrix_rank(&self) -> Tensor<usize, (B,)> {
        unwrap_or_panic(self.try_matrix_rank())
    }

    /// [`Self::matrix_rank`] that returns an error for non-finite input.
    ///
    /// # Errors
    /// As the 2-D [`try_matrix_rank`](Tensor::try_matrix_rank), for any member.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 1, 1, 1> = tensor![[[f64::NAN]]];
    /// assert!(a.try_matrix_rank().is_err());
    /// ```
    pub fn try_matrix_rank(&self) -> Result<Tensor<usize, (B,)>, LinalgError> {
        let a = AsView::view(self);
        let b = a.dims()[0];
        let ranks = (0..b)
            .map(|i| self.member(i).try_matrix_rank())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tensor::from_data((a.shape().0,), ranks))
    }

    /// `A_i^n` for each member of a stack of square matrices (see the 2-D
    /// [`matrix_power`](Tensor::matrix_power)): (B, N, N) -> (B, N, N).
    ///
    /// # Errors
    /// For `n < 0`: [`LinalgError::Singular`] when any member is singular.
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 2, 1, 1> = tensor![[[2.]], [[3.]]];
    /// assert_eq!(a.matrix_power(3)?.as_slice(), &[8., 27.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn matrix_power(&self, n: i32) -> Result<Tensor<T, (B, M, N)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let a = AsView::view(self);
        let d = a.dims();
        check_square_members("matrix_power", d)?;
        let mut out = Vec::with_capacity(d[0] * d[1] * d[2]);
        for i in 0..d[0] {
            out.extend_from_slice(self.member(i).matrix_power(n)?.as_slice());
        }
        Ok(Tensor::from_data(a.shape(), out))
    }

    /// The matrix norm of each member (see the 2-D [`matrix_norm`](Tensor::matrix_norm)):
    /// (B, M, N) -> (B,).
    ///
    /// # Panics
    /// For an order numpy does not define.
    ///
    /// ```
    /// use shaped::{tensor, NormOrd, Tensor3};
    /// let a: Tensor3<f64, 2, 1, 2> = tensor![[[3., 4.]], [[1., 0.]]];
    /// assert_eq!(a.matrix_norm(NormOrd::Fro).as_slice(), &[5., 1.]);
    /// ```
    #[track_caller]
    pub fn matrix_norm(&self, ord: NormOrd<T>) -> Tensor<T, (B,)> {
        let a = AsView::view(self);
        let out = (0..a.dims()[0])
            .map(|i| self.member(i).matrix_norm(ord))
            .collect();
        Tensor::from_data((a.shape().0,), out)
    }

    /// The 2-norm condition number of each member (numpy's `cond` with `p = None`):
    /// (B, M, N) -> (B,).
    ///
    /// ```
    /// use shaped::{tensor, Tensor3};
    /// let a: Tensor3<f64, 1, 2, 2> = tensor![[[4., 0.], [0., 2.]]];
    /// assert!((a.cond()[[0]] - 2.0).abs() < 1e-12);
    /// ```
    pub fn cond(&self) -> Tensor<T, (B,)> {
        let a = AsView::view(self);
        let out = (0..a.dims()[0]).map(|i| self.member(i).cond()).collect();
        Tensor::from_data((a.shape().0,), out)
    }

    /// The condition number of each member in the order `p` (see the 2-D
    /// [`cond_with`](Tensor::cond_with)): (B, M, N) -> (B,).
    ///
    /// # Panics
    /// As the 2-D `cond_with` (see [`Self::try_cond_with`]).
    ///
    /// ```
    /// use shaped::{tensor, NormOrd, Tensor3};
    /// let a: Tensor3<f64, 1, 2, 2> = tensor![[[4., 0.], [0., 2.]]];
    /// assert!((a.cond_with(NormOrd::P(1.0))[[0]] - 2.0).abs() < 1e-12);
    /// ```
    #[track_caller]
    pub fn cond_with(&self, p: NormOrd<T>) -> Tensor<T, (B,)> {
        unwrap_or_panic(self.try_cond_with(p))
    }

    /// [`Self::cond_with`] that returns an error where the 2-D `try_cond_with` does.
    ///
    /// # Errors
    /// As the 2-D [`try_cond_with`](Tensor::try_cond_with), for any member.
    ///
    /// ```
    /// use shaped::{Dyn, NormOrd, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn, Dyn)>::ones_with((Dyn(1), Dyn(2), Dyn(3)));
    /// assert!(a.try_cond_with(NormOrd::P(1.0)).is_err());
    /// ```
    pub fn try_cond_with(&self, p: NormOrd<T>) -> Result<Tensor<T, (B,)>, LinalgError> {
        let a = AsView::view(self);
        let [b, m, n] = a.dims();
        if b == 0 && m != n && !matches!(p, NormOrd::P(q) if q.abs() == T::of(2.0)) {
            return Err(ShapeError::new("cond", &[b, m, n], "the members are not square").into());
        }
        let out = (0..b)
            .map(|i| self.member(i).try_cond_with(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tensor::from_data((a.shape().0,), out))
    }

    /// `f` (a pseudo-inverse) of each member, stacked into (B, N, M).
    fn pinv_stack(
        &self,
        f: impl Fn(TensorView<'_, T, (M, N)>) -> Result<Tensor<T, (N, M)>, LinalgError>,
    ) -> Result<Tensor<T, (B, N, M)>, LinalgError> {
        let a = AsView::view(self);
        let [b, m, n] = a.dims();
        let mut out = Vec::with_capacity(b * m * n);
        for i in 0..b {
            out.extend_from_slice(f(self.member(i))?.as_slice());
        }
        let (bd, md, nd) = a.shape();
        Ok(Tensor::from_data((bd, nd, md), out))
    }
}

/// A right-hand side of a stacked `solve` with a (B1, B2, N, N) stack (two batch dims):
/// `(N,)` (one vector for every member; x is (B1, B2, N)), `(N, R)` (one matrix for every
/// member; x is (B1, B2, N, R)), a stack `(C2, N, R)` whose batch broadcasts against `B2`, or
/// a stack `(C1, C2, N, R)` whose batch dims broadcast against `(B1, B2)` pairwise (a `One`
/// stretches on either side). numpy 2's rule, as [`StackRhs`].
///
/// ```
/// use shaped::linalg::StackRhs2;
/// use shaped::{Const, One};
/// fn x<S: StackRhs2<Const<3>, One, Const<4>>>() {}
/// x::<(Const<4>,)>();
/// x::<(Const<4>, Const<2>)>();
/// x::<(Const<5>, Const<4>, Const<2>)>();
/// x::<(One, Const<5>, Const<4>, Const<2>)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "right-hand side `{Self}` does not fit a stack of `({B1}, {B2})` matrices with `{N}` rows",
    label = "the rows must match, and a stacked right-hand side's batch dims must broadcast",
    note = "a solve with two batch dims (B1, B2, N, N) takes (N,), (N, R), (C2, N, R) or (C1, C2, N, R), each C equal to its B or `One` (or the B `One`)"
)]
pub trait StackRhs2<B1: AnyDim, B2: AnyDim, N: AnyDim>: Shape {
    /// The shape of the solution.
    type Out: Shape;
}

#[diagnostic::do_not_recommend]
impl<B1: AnyDim, B2: AnyDim, N: AnyDim, K: SameDim<N>> StackRhs2<B1, B2, N> for (K,) {
    type Out = (B1, B2, K);
}
#[diagnostic::do_not_recommend]
impl<B1: AnyDim, B2: AnyDim, N: AnyDim, K: SameDim<N>, R: AnyDim> StackRhs2<B1, B2, N> for (K, R) {
    type Out = (B1, B2, K, R);
}
#[diagnostic::do_not_recommend]
impl<B1: AnyDim, B2: Broadcast<C2>, C2: AnyDim, N: AnyDim, K: SameDim<N>, R: AnyDim>
    StackRhs2<B1, B2, N> for (C2, K, R)
{
    type Out = (B1, <B2 as Broadcast<C2>>::Out, K, R);
}
#[diagnostic::do_not_recommend]
impl<
    B1: Broadcast<C1>,
    B2: Broadcast<C2>,
    C1: AnyDim,
    C2: AnyDim,
    N: AnyDim,
    K: SameDim<N>,
    R: AnyDim,
> StackRhs2<B1, B2, N> for (C1, C2, K, R)
{
    type Out = (<B1 as Broadcast<C1>>::Out, <B2 as Broadcast<C2>>::Out, K, R);
}

/// The broadcast of two batch sizes (numpy's rule), or `None`.
fn broadcast_batch(a: usize, b: usize) -> Option<usize> {
    match (a, b) {
        _ if a == b => Some(a),
        (1, _) => Some(b),
        (_, 1) => Some(a),
        _ => None,
    }
}

impl<T: Float, B1: AnyDim, B2: AnyDim, M: AnyDim, N: AnyDim, D: Data<T>>
    Tensor<T, (B1, B2, M, N), D>
{
    /// Solves `A_ij x_ij = b_ij` for each member of a stack of square matrices with two batch
    /// dims (numpy 2's stacked `solve`): (B1, B2, N, N) with (N,) -> (B1, B2, N) (one vector
    /// for every member), with (N, R) -> (B1, B2, N, R), with a stack (C2, N, R) ->
    /// (B1, B2, N, R), or with a stack (C1, C2, N, R) -> (B1, B2, N, R); the batch dims
    /// broadcast pairwise, aligned from the right (a `One`, or a `Dyn` of size 1, stretches on
    /// either side). Each member is factored in one buffer reused across the stack.
    ///
    /// # Errors
    /// [`LinalgError::Singular`] when any member is exactly singular (numpy fails the whole
    /// call), [`LinalgError::NonFinite`] for NaN or infinite input, [`LinalgError::Shape`]
    /// when `Dyn` sizes disagree (rows, members that are not square, or batch dims that do
    /// not broadcast).
    ///
    /// ```
    /// use shaped::{Const, One, Tensor};
    /// // a (2, 1, 2, 2): two matrices; b (1, 3, 2, 1): three right-hand sides.
    /// let a = Tensor::<f64, (Const<2>, One, Const<2>, Const<2>)>::from_vec(
    ///     Default::default(),
    ///     vec![2., 0., 0., 4., 1., 1., 0., 1.],
    /// )?;
    /// let b = Tensor::<f64, (One, Const<3>, Const<2>, Const<1>)>::from_vec(
    ///     Default::default(),
    ///     vec![2., 4., 4., 8., 0., 4.],
    /// )?;
    /// let x = a.solve(&b)?; // every matrix with every right-hand side: (2, 3, 2, 1)
    /// assert_eq!(x.dims(), [2, 3, 2, 1]);
    /// assert_eq!(x.as_slice(), &[1., 1., 2., 2., 0., 1., -2., 4., -4., 8., -4., 4.]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn solve<SB: StackRhs2<B1, B2, M>>(
        &self,
        b: &impl AsView<T, SB>,
    ) -> Result<Tensor<T, SB::Out>, LinalgError>
    where
        M: SquareDims<N>,
    {
        const OP: &str = "solve";
        let a = AsView::view(self);
        let b = b.view();
        let ad = a.dims();
        let bd = b.dims();
        let bd = bd.as_ref();
        let mismatch = |why: String| -> LinalgError { ShapeError::pair(OP, &ad, bd, why).into() };
        if ad[2] != ad[3] {
            return Err(mismatch(format!(
                "the members of the stack {} are not square ({} rows, {} columns)",
                fmt_dims(&ad),
                ad[2],
                ad[3]
            )));
        }
        let n = ad[2];
        // The right-hand side's batch dims (padded with 1s to two), rows and columns.
        let (cb, brows, r) = match *bd {
            [k] => ([1, 1], k, 1),
            [k, r] => ([1, 1], k, r),
            [c2, k, r] => ([1, c2], k, r),
            [c1, c2, k, r] => ([c1, c2], k, r),
            _ => unreachable!("StackRhs2 is implemented for ranks 1 to 4"),
        };
        if brows != n {
            return Err(mismatch(format!(
                "the stack {} has {n} rows a member but the right-hand side {} has {brows}",
                fmt_dims(&ad),
                fmt_dims(bd)
            )));
        }
        let ab = [ad[0], ad[1]];
        let (Some(o1), Some(o2)) = (broadcast_batch(ab[0], cb[0]), broadcast_batch(ab[1], cb[1]))
        else {
            return Err(mismatch(format!(
                "the batch dims ({}, {}) of {} do not broadcast against the batch dims \
                 ({}, {}) of {}",
                ab[0],
                ab[1],
                fmt_dims(&ad),
                cb[0],
                cb[1],
                fmt_dims(bd)
            )));
        };
        let bvals: Cow<'_, [T]> = match b.as_slice() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(b.iter().copied().collect()),
        };
        if !bvals.iter().all(|x| x.is_finite()) {
            return Err(LinalgError::NonFinite { op: OP });
        }
        let per = n * r;
        let mut out = vec![T::ZERO; o1 * o2 * per];
        let [sa0, sa1, rs, cs] = a.strides();
        let araw = a.raw_data();
        let mut w = LuWork::new(n);
        let mut work = vec![T::ZERO; per];
        // The member of a size-1 batch dim is 0 for every output index.
        let pick = |size: usize, i: usize| if size == 1 { 0 } else { i };
        for (k, x) in out.chunks_mut(per.max(1)).enumerate().take(o1 * o2) {
            let (i1, i2) = (k / o2, k % o2);
            let at = pick(ab[0], i1) * sa0 + pick(ab[1], i2) * sa1;
            let (info, scale) = w
                .factor_raw(&araw[at..], rs, cs)
                .ok_or(LinalgError::NonFinite { op: OP })?;
            if let Some(pivot) = info.first_zero_pivot {
                return Err(LinalgError::Singular { op: OP, pivot });
            }
            let ib = pick(cb[0], i1) * cb[1] + pick(cb[1], i2);
            let kb = range_exponent(copy_amax(x, &bvals[ib * per..ib * per + per]));
            scale_pow2(x, kb.into());
            w.solve_in_place(x, r, &mut work);
            scale_pow2(x, i64::from(scale) - i64::from(kb));
        }
        let mut dims = vec![o1, o2, n];
        if bd.len() > 1 {
            dims.push(r);
        }
        let shape = SB::Out::try_from_dims(&dims).ok_or_else(|| {
            mismatch(format!(
                "the solution {} does not fit its type",
                fmt_dims(&dims)
            ))
        })?;
        Ok(Tensor::from_data(shape, out))
    }
}
