//! The executor: binds label sizes, prepares each operand as a strided view with one axis per
//! label (diagonals and size-1 broadcasts by strides, no copy), sums out labels that only one
//! operand carries, then runs the planned pairwise contractions as batched GEMM calls.
//!
//! Kernels see sizes and strides only; label sizes were checked before.

use crate::error::ShapeError;
use crate::gemm::{self, MatMut, MatRef};
use crate::ops::kernels::for_each_offsets;
use crate::scalar::Number;
use crate::shape::fmt_dims;

use super::plan::{self, Mask, Sizes};
use super::spec::{ELLIPSIS_BASE, Spec, Sym, label_name};
use crate::tensor::checked_numel;

/// An operand as the executor sees it: data from its first element, sizes and strides.
#[derive(Clone, Debug)]
pub(crate) struct RawOperand<'a, T> {
    pub data: &'a [T],
    pub dims: Vec<usize>,
    pub strides: Vec<usize>,
}

/// Borrowed or owned elements.
enum Buf<'a, T> {
    Borrowed(&'a [T]),
    Owned(Vec<T>),
}

impl<T> Buf<'_, T> {
    fn as_slice(&self) -> &[T] {
        match self {
            Buf::Borrowed(s) => s,
            Buf::Owned(v) => v,
        }
    }
}

/// The axes of a tensor with one axis per (distinct) label: labels and strides. Layout
/// logic is not generic over the element type, so that it is compiled once, in this crate.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    labels: Vec<u8>,
    strides: Vec<usize>,
}

impl Layout {
    fn mask(&self) -> Mask {
        self.labels.iter().fold(0, |m, &l| m | 1 << l)
    }
    fn stride_of(&self, l: u8) -> usize {
        self.labels
            .iter()
            .position(|&x| x == l)
            .map_or(0, |k| self.strides[k])
    }
}

/// A tensor with one axis per (distinct) label.
struct Tens<'a, T> {
    data: Buf<'a, T>,
    lay: Layout,
}

fn row_major(dims: &[usize]) -> Vec<usize> {
    let mut s = vec![0; dims.len()];
    let mut acc = 1;
    for (st, &d) in s.iter_mut().zip(dims).rev() {
        *st = acc;
        acc *= d;
    }
    s
}

/// What [`reduce`] walks: the input's sizes and strides, and where each input axis steps in
/// the output (0 for a summed label).
struct ReducePlan {
    in_dims: Vec<usize>,
    to_out: Vec<usize>,
    out: Layout,
    out_len: usize,
}

fn reduce_plan(t: &Layout, keep: &[u8], sizes: &Sizes) -> ReducePlan {
    let dims: Vec<usize> = keep.iter().map(|&l| sizes[l as usize]).collect();
    let out_strides = row_major(&dims);
    let to_out = t
        .labels
        .iter()
        .map(|l| {
            keep.iter()
                .position(|k| k == l)
                .map_or(0, |p| out_strides[p])
        })
        .collect();
    ReducePlan {
        in_dims: t.labels.iter().map(|&l| sizes[l as usize]).collect(),
        to_out,
        out_len: dims.iter().product(),
        out: Layout {
            labels: keep.to_vec(),
            strides: out_strides,
        },
    }
}

/// The operand `t` summed over the labels not in `keep`, as a contiguous tensor whose axes
/// are `keep` in that order (every label of `keep` must be one of `t`'s).
fn reduce<'a, T: Number>(t: &Tens<'_, T>, keep: &[u8], sizes: &Sizes) -> Tens<'a, T> {
    let p = reduce_plan(&t.lay, keep, sizes);
    let mut out = vec![T::ZERO; p.out_len];
    let data = t.data.as_slice();
    for_each_offsets(&p.in_dims, [&t.lay.strides, &p.to_out], |[i, o]| {
        out[o] += data[i]
    });
    Tens {
        data: Buf::Owned(out),
        lay: p.out,
    }
}

/// Merges a group of labels into one GEMM dimension where the strides allow it in both
/// operands `s1` and `s2`: the labels, sorted outermost first, form a chain from the innermost
/// one. Returns `(size, stride in s1, stride in s2)` of the merged dimension and the labels
/// left outside the chain (to be looped over).
fn merge(
    mut group: Vec<u8>,
    t1: &Layout,
    t2: &Layout,
    sizes: &Sizes,
) -> ((usize, usize, usize), Vec<u8>) {
    let s1 = |l: u8| t1.stride_of(l);
    let s2 = |l: u8| t2.stride_of(l);
    group.sort_by_key(|&l| core::cmp::Reverse((s1(l), s2(l))));
    let Some(&inner) = group.last() else {
        return ((1, 0, 0), group);
    };
    let (st1, st2) = (s1(inner), s2(inner));
    let mut size = sizes[inner as usize];
    let mut start = group.len() - 1;
    while start > 0 {
        let l = group[start - 1];
        if s1(l) == st1 * size && s2(l) == st2 * size {
            size *= sizes[l as usize];
            start -= 1;
        } else {
            break;
        }
    }
    group.truncate(start);
    ((size, st1, st2), group)
}

/// How a pairwise step runs: one `m x k` by `k x n` product (strides in `a`, `b`, `c`) per
/// index of the loop labels (their sizes and strides in the three operands).
struct PairPlan {
    mnk: (usize, usize, usize),
    a: (usize, usize),
    b: (usize, usize),
    c: (usize, usize),
    loop_dims: Vec<usize>,
    loop_strides: [Vec<usize>; 3],
    /// Whether each block of C is written once (no summed label is looped over).
    overwrite: bool,
}

/// Groups the labels of `a`, `b` and `c` into batch, M, N and K, merges each group into one
/// GEMM dimension where the strides allow it, and leaves the rest to loops. `None` when an
/// axis is empty (C is empty, or every sum is, and C stays zero).
fn pair_plan(a: &Layout, b: &Layout, c: &Layout, sizes: &Sizes) -> Option<PairPlan> {
    let (ma, mb, mc) = (a.mask(), b.mask(), c.mask());
    let all = ma | mb | mc;
    if (0..64).any(|l| all >> l & 1 == 1 && sizes[l] == 0) {
        return None;
    }
    let (mut batch, mut m_g, mut n_g, mut k_g) = (vec![], vec![], vec![], vec![]);
    for l in 0..64u8 {
        if all >> l & 1 == 0 || sizes[l as usize] == 1 {
            continue;
        }
        let (ia, ib, ic) = (ma >> l & 1 == 1, mb >> l & 1 == 1, mc >> l & 1 == 1);
        match (ia, ib, ic) {
            (true, true, true) => batch.push(l),
            (true, false, true) => m_g.push(l),
            (false, true, true) => n_g.push(l),
            // Summed labels; one carried by a single operand has stride 0 in the other.
            _ => k_g.push(l),
        }
    }
    let ((m, rsa, rsc), m_loop) = merge(m_g, a, c, sizes);
    let ((n, csb, csc), n_loop) = merge(n_g, b, c, sizes);
    let ((k, csa, rsb), k_loop) = merge(k_g, a, b, sizes);
    let overwrite = k_loop.is_empty();
    let loops: Vec<u8> = batch
        .into_iter()
        .chain(m_loop)
        .chain(n_loop)
        .chain(k_loop)
        .collect();
    let strides_in = |t: &Layout| loops.iter().map(|&l| t.stride_of(l)).collect::<Vec<_>>();
    Some(PairPlan {
        mnk: (m, n, k),
        a: (rsa, csa),
        b: (rsb, csb),
        c: (rsc, csc),
        loop_dims: loops.iter().map(|&l| sizes[l as usize]).collect(),
        loop_strides: [strides_in(a), strides_in(b), strides_in(c)],
        overwrite,
    })
}

/// `C += A . B` over the labels of `a`, `b` and `c` (`c` given by its layout into `out`).
fn contract_pair<T: Number>(
    a: &Tens<'_, T>,
    b: &Tens<'_, T>,
    c: &Layout,
    out: &mut [T],
    sizes: &Sizes,
) {
    let Some(p) = pair_plan(&a.lay, &b.lay, c, sizes) else {
        return;
    };
    let (ad, bd) = (a.data.as_slice(), b.data.as_slice());
    let [sa, sb, sc] = &p.loop_strides;
    let (m, n, k) = p.mnk;
    if m == 0 || n == 0 || k == 0 {
        // An empty product adds nothing (and an empty operand has no offsets to slice at).
        return;
    }
    for_each_offsets(&p.loop_dims, [sa, sb, sc], |[oa, ob, oc]| {
        let a = MatRef::new(&ad[oa..], m, k, p.a.0, p.a.1);
        let b = MatRef::new(&bd[ob..], k, n, p.b.0, p.b.1);
        let c = MatMut::new(&mut out[oc..], m, n, p.c.0, p.c.1);
        gemm::add_product(a, b, c, p.overwrite)
    });
}

/// A shape error of einsum.
fn err(lhs: &[usize], rhs: &[usize], reason: String) -> ShapeError {
    ShapeError::pair("einsum", lhs, rhs, reason)
}

/// Everything about one call once sizes are bound.
struct Bound {
    ops: Vec<Layout>,
    out: Vec<u8>,
    sizes: Sizes,
}

/// The sizes and strides of an operand.
#[derive(Clone, Copy)]
pub(crate) struct Shp<'s> {
    pub dims: &'s [usize],
    pub strides: &'s [usize],
}

/// Binds the labels of `spec` to the operands' sizes: numpy's rules (a label of size 1
/// stretches against the same label elsewhere; `...` dims broadcast right-aligned), and the
/// type's: where `statics` gives a letter a static size, its run-time size must be that.
fn bind(
    spec: &Spec,
    ops: &[Shp<'_>],
    statics: &[(char, Option<usize>)],
) -> Result<Bound, ShapeError> {
    if ops.len() != spec.inputs.len() {
        return Err(ShapeError::new(
            "einsum",
            &[],
            format!(
                "the subscripts have {} terms but {} operands were given",
                spec.inputs.len(),
                ops.len()
            ),
        ));
    }
    // Each operand's axis labels, `...` expanded to labels counted from the right.
    let mut axis_labels: Vec<Vec<u8>> = Vec::with_capacity(ops.len());
    let mut ell_width = 0;
    for (k, (term, op)) in spec.inputs.iter().zip(ops).enumerate() {
        let named = term.iter().filter(|s| matches!(s, Sym::Label(_))).count();
        let has_ell = term.contains(&Sym::Ellipsis);
        let rank = op.dims.len();
        if rank < named || (!has_ell && rank != named) {
            return Err(ShapeError::new(
                "einsum",
                op.dims,
                format!(
                    "operand {k} of shape {} has rank {rank} but its term `{}` asks for {}{named} axes",
                    fmt_dims(op.dims),
                    Spec::term_str(term),
                    if has_ell { "at least " } else { "" }
                ),
            ));
        }
        let n_ell = rank - named;
        if has_ell {
            ell_width = ell_width.max(n_ell);
        }
        // Checked before the labels are made: `ELLIPSIS_BASE + d` must stay a label (below 64).
        if ell_width > (64 - ELLIPSIS_BASE as usize) {
            return Err(ShapeError::new(
                "einsum",
                &[],
                "too many `...` dims".to_string(),
            ));
        }
        let mut labels = Vec::with_capacity(rank);
        for s in term {
            match *s {
                Sym::Label(l) => labels.push(l),
                Sym::Ellipsis => {
                    labels.extend((0..n_ell).map(|j| ELLIPSIS_BASE + (n_ell - 1 - j) as u8))
                }
            }
        }
        axis_labels.push(labels);
    }
    let mut out = Vec::new();
    for s in &spec.output {
        match *s {
            Sym::Label(l) => out.push(l),
            Sym::Ellipsis => {
                out.extend((0..ell_width).map(|j| ELLIPSIS_BASE + (ell_width - 1 - j) as u8))
            }
        }
    }

    // Sizes: the first size other than 1 wins; every other must be equal or 1.
    let mut sizes: Sizes = [1; 64];
    let mut seen: [Option<(usize, usize)>; 64] = [None; 64];
    for (k, (labels, op)) in axis_labels.iter().zip(ops).enumerate() {
        for (ax, &l) in labels.iter().enumerate() {
            let n = op.dims[ax];
            // A label repeated inside one operand (a diagonal) needs equal sizes.
            if let Some(first) = labels[..ax].iter().position(|&x| x == l)
                && op.dims[first] != n
            {
                return Err(err(
                    op.dims,
                    op.dims,
                    format!(
                        "{} is bound to different sizes in operand {k} of shape {}: {} (axis {first}) vs {n} (axis {ax})",
                        label_name(l),
                        fmt_dims(op.dims),
                        op.dims[first]
                    ),
                ));
            }
            let li = l as usize;
            match seen[li] {
                None => {
                    seen[li] = Some((k, ax));
                    sizes[li] = n;
                }
                Some((k0, ax0)) => {
                    let n0 = ops[k0].dims[ax0];
                    if n0 == 1 && n != 1 {
                        seen[li] = Some((k, ax));
                        sizes[li] = n;
                    } else if n != n0 && n != 1 {
                        return Err(err(
                            ops[k0].dims,
                            op.dims,
                            format!(
                                "{} is bound to different sizes: {n0} (operand {k0} of shape {}, axis {ax0}) vs {n} (operand {k} of shape {}, axis {ax})",
                                label_name(l),
                                fmt_dims(ops[k0].dims),
                                fmt_dims(op.dims)
                            ),
                        ));
                    }
                }
            }
        }
    }
    for &(c, st) in statics {
        let Some(l) = super::spec::label_of(c) else {
            continue;
        };
        if let (Some(n), Some(_)) = (st, seen[l as usize])
            && sizes[l as usize] != n
        {
            return Err(ShapeError::new(
                "einsum",
                &[],
                format!(
                    "index `{c}` has size {} at run time but its type is static of size {n} (only `One` or `Dyn` axes stretch)",
                    sizes[l as usize]
                ),
            ));
        }
    }

    // Each operand as a view with one axis per distinct label: diagonals add strides, size-1
    // axes of a stretched label get stride 0.
    let mut tens = Vec::with_capacity(ops.len());
    for (labels, op) in axis_labels.iter().zip(ops) {
        let mut t = Layout {
            labels: Vec::with_capacity(labels.len()),
            strides: Vec::with_capacity(labels.len()),
        };
        for (ax, &l) in labels.iter().enumerate() {
            let st = if op.dims[ax] == 1 { 0 } else { op.strides[ax] };
            match t.labels.iter().position(|&x| x == l) {
                Some(p) => t.strides[p] += st,
                None => {
                    t.labels.push(l);
                    t.strides.push(st);
                }
            }
        }
        tens.push(t);
    }
    Ok(Bound {
        ops: tens,
        out,
        sizes,
    })
}

/// The result of a contraction: row-major data of the given sizes.
pub(crate) struct Output<T> {
    pub dims: Vec<usize>,
    pub data: Vec<T>,
}

/// Everything a call does, decided from sizes and strides alone (not generic, so compiled
/// once): the operands' layouts, which of them to reduce first, and each pairwise step with
/// the layout of its result.
struct Schedule {
    out_dims: Vec<usize>,
    sizes: Sizes,
    inputs: Vec<Layout>,
    /// `Some(keep)`: sum the operand down to the labels `keep` (in that order) first.
    reduce: Vec<Option<Vec<u8>>>,
    steps: Vec<(usize, usize, Layout)>,
    flops: u128,
}

fn schedule(
    spec: &Spec,
    ops: &[Shp<'_>],
    statics: &[(char, Option<usize>)],
) -> Result<Schedule, ShapeError> {
    let Bound { ops, out, sizes } = bind(spec, ops, statics)?;
    let out_dims: Vec<usize> = out.iter().map(|&l| sizes[l as usize]).collect();
    checked_numel("einsum", &out_dims)?;
    let out_mask: Mask = out.iter().fold(0, |m, &l| m | 1 << l);

    // Sum out the labels that one operand alone carries (a single operand: down to the
    // output, in its order).
    let masks = reduced_masks(&ops, out_mask);
    let mut work = Vec::with_capacity(ops.len());
    let mut reduce = Vec::with_capacity(ops.len());
    for (t, &m) in ops.iter().zip(&masks) {
        let keep: Vec<u8> = if ops.len() == 1 {
            out.clone()
        } else {
            t.labels
                .iter()
                .copied()
                .filter(|&l| m >> l & 1 == 1)
                .collect()
        };
        if keep.len() < t.labels.len() || ops.len() == 1 {
            let dims: Vec<usize> = keep.iter().map(|&l| sizes[l as usize]).collect();
            checked_numel("einsum", &dims)?;
            work.push(reduce_plan(t, &keep, &sizes).out);
            reduce.push(Some(keep));
        } else {
            work.push(t.clone());
            reduce.push(None);
        }
    }
    let order = plan::order(&masks, out_mask, &sizes);
    let n_steps = order.steps.len();
    let mut steps = Vec::with_capacity(n_steps);
    for (s, &(i, j)) in order.steps.iter().enumerate() {
        let b = work.remove(j);
        let a = work.remove(i);
        let labels: Vec<u8> = if s + 1 == n_steps {
            out.clone()
        } else {
            let keep = work.iter().fold(out_mask, |m, t| m | t.mask());
            intermediate_order(&a, &b, keep)
        };
        let dims: Vec<usize> = labels.iter().map(|&l| sizes[l as usize]).collect();
        // Each intermediate is allocated: its element count (and so its strides) must fit.
        checked_numel("einsum", &dims)?;
        let lay = Layout {
            strides: row_major(&dims),
            labels,
        };
        work.push(lay.clone());
        steps.push((i, j, lay));
    }
    Ok(Schedule {
        out_dims,
        sizes,
        inputs: ops,
        reduce,
        steps,
        flops: order.flops,
    })
}

/// Runs `spec` (explicit form) on the operands. `statics` gives the static size of letters
/// whose type fixes it.
pub(crate) fn run<T: Number>(
    spec: &Spec,
    ops: &[RawOperand<'_, T>],
    statics: &[(char, Option<usize>)],
) -> Result<Output<T>, ShapeError> {
    let shapes: Vec<Shp<'_>> = ops
        .iter()
        .map(|o| Shp {
            dims: &o.dims,
            strides: &o.strides,
        })
        .collect();
    let sch = schedule(spec, &shapes, statics)?;
    let mut work: Vec<Tens<'_, T>> = ops
        .iter()
        .zip(sch.inputs)
        .map(|(o, lay)| Tens {
            data: Buf::Borrowed(o.data),
            lay,
        })
        .collect();
    for (k, keep) in sch.reduce.iter().enumerate() {
        if let Some(keep) = keep {
            work[k] = reduce(&work[k], keep, &sch.sizes);
        }
    }
    for (i, j, lay) in sch.steps {
        let b = work.remove(j);
        let a = work.remove(i);
        let len = lay.labels.iter().map(|&l| sch.sizes[l as usize]).product();
        let mut data = vec![T::ZERO; len];
        contract_pair(&a, &b, &lay, &mut data, &sch.sizes);
        work.push(Tens {
            data: Buf::Owned(data),
            lay,
        });
    }
    let t = work.pop().expect("one result");
    Ok(Output {
        dims: sch.out_dims,
        data: match t.data {
            Buf::Owned(v) => v,
            Buf::Borrowed(s) => s.to_vec(),
        },
    })
}

/// The axis order of an intermediate: batch labels, then A's, then B's kept labels, each in
/// the order of its operand's strides (outermost first), so that M and N merge.
fn intermediate_order(a: &Layout, b: &Layout, keep: Mask) -> Vec<u8> {
    let by_stride = |t: &Layout, pick: &dyn Fn(u8) -> bool| {
        let mut v: Vec<(usize, u8)> = t
            .labels
            .iter()
            .zip(&t.strides)
            .filter(|&(&l, _)| keep >> l & 1 == 1 && pick(l))
            .map(|(&l, &s)| (s, l))
            .collect();
        v.sort_by(|x, y| y.cmp(x));
        v.into_iter().map(|(_, l)| l).collect::<Vec<u8>>()
    };
    let (ma, mb) = (a.mask(), b.mask());
    let mut labels = by_stride(a, &|l| mb >> l & 1 == 1);
    labels.extend(by_stride(a, &|l| mb >> l & 1 == 0));
    labels.extend(by_stride(b, &|l| ma >> l & 1 == 0));
    labels
}

/// The masks each operand has once the labels it alone carries are summed out.
fn reduced_masks(ops: &[Layout], out_mask: Mask) -> Vec<Mask> {
    (0..ops.len())
        .map(|k| {
            let others = ops
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .fold(out_mask, |m, (_, t)| m | t.mask());
            ops[k].mask() & others
        })
        .collect()
}

/// The planner's order and its cost, without running anything.
pub(crate) fn plan_only(
    spec: &Spec,
    ops: &[Shp<'_>],
) -> Result<(Vec<(usize, usize)>, u128), ShapeError> {
    let sch = schedule(spec, ops, &[])?;
    Ok((
        sch.steps.into_iter().map(|(i, j, _)| (i, j)).collect(),
        sch.flops,
    ))
}
