//! The contraction planner: which pair of operands to contract first.
//!
//! Operands are label sets (bit masks over at most 64 labels). Contracting two operands costs
//! the product of the sizes of every label either of them carries (one multiply-add per point
//! of the joint index space), and keeps only the labels that a later operand or the output
//! still needs. Up to [`OPTIMAL_MAX`] operands every order is searched; beyond, a greedy step
//! takes the cheapest pair each time (as opt_einsum's `greedy` does).

/// The largest operand count for which every pairwise order is searched.
pub(crate) const OPTIMAL_MAX: usize = 4;

/// A set of labels: bit `l` is label `l`.
pub(crate) type Mask = u64;

/// The sizes of the labels, indexed by label.
pub(crate) type Sizes = [usize; 64];

/// The product of the sizes of the labels in `m` (saturating, so that huge spaces compare as
/// "very large" instead of wrapping).
pub(crate) fn space(m: Mask, sizes: &Sizes) -> u128 {
    let mut p: u128 = 1;
    let mut bits = m;
    while bits != 0 {
        let l = bits.trailing_zeros() as usize;
        p = p.saturating_mul(sizes[l] as u128);
        bits &= bits - 1;
    }
    p
}

/// A pairwise order: each step contracts operands `i < j` of the current list, which then
/// loses both and gains their result at its end (opt_einsum's convention).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Order {
    pub steps: Vec<(usize, usize)>,
    /// Multiply-adds over all steps.
    pub flops: u128,
    /// The summed sizes of the intermediates (the tie-breaker).
    pub inter: u128,
}

/// The labels operand `skip_a` / `skip_b` must keep: those of every other operand and the
/// output.
fn kept(ops: &[Mask], a: usize, b: usize, out: Mask) -> Mask {
    ops.iter()
        .enumerate()
        .filter(|&(k, _)| k != a && k != b)
        .fold(out, |m, (_, &x)| m | x)
}

/// The result and cost of contracting `ops[a]` with `ops[b]`.
pub(crate) fn step(ops: &[Mask], a: usize, b: usize, out: Mask, sizes: &Sizes) -> (Mask, u128) {
    let joint = ops[a] | ops[b];
    (joint & kept(ops, a, b, out), space(joint, sizes))
}

fn after(ops: &[Mask], a: usize, b: usize, result: Mask) -> Vec<Mask> {
    let mut next: Vec<Mask> = ops
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != a && k != b)
        .map(|(_, &m)| m)
        .collect();
    next.push(result);
    next
}

/// The cheapest order by exhaustive search (FLOPs, then intermediate size).
fn optimal(ops: &[Mask], out: Mask, sizes: &Sizes) -> Order {
    if ops.len() < 2 {
        return Order::default();
    }
    let mut best: Option<Order> = None;
    for a in 0..ops.len() {
        for b in a + 1..ops.len() {
            let (r, flops) = step(ops, a, b, out, sizes);
            let rest = optimal(&after(ops, a, b, r), out, sizes);
            let inter = if ops.len() > 2 { space(r, sizes) } else { 0 };
            let cand = Order {
                steps: core::iter::once((a, b)).chain(rest.steps).collect(),
                flops: flops.saturating_add(rest.flops),
                inter: inter.saturating_add(rest.inter),
            };
            if best
                .as_ref()
                .is_none_or(|o| (cand.flops, cand.inter) < (o.flops, o.inter))
            {
                best = Some(cand);
            }
        }
    }
    best.unwrap_or_default()
}

/// A greedy order: each step contracts the pair that costs least now (FLOPs, then result
/// size).
fn greedy(ops: &[Mask], out: Mask, sizes: &Sizes) -> Order {
    let mut ops = ops.to_vec();
    let mut order = Order::default();
    while ops.len() > 1 {
        let mut best: Option<(u128, u128, usize, usize, Mask)> = None;
        for a in 0..ops.len() {
            for b in a + 1..ops.len() {
                let (r, flops) = step(&ops, a, b, out, sizes);
                let size = space(r, sizes);
                if best.is_none_or(|(f, s, ..)| (flops, size) < (f, s)) {
                    best = Some((flops, size, a, b, r));
                }
            }
        }
        let (flops, size, a, b, r) = best.expect("two operands at least");
        order.steps.push((a, b));
        order.flops = order.flops.saturating_add(flops);
        if ops.len() > 2 {
            order.inter = order.inter.saturating_add(size);
        }
        ops = after(&ops, a, b, r);
    }
    order
}

/// The pairwise order for these operands: optimal up to [`OPTIMAL_MAX`] operands, greedy
/// beyond.
pub(crate) fn order(ops: &[Mask], out: Mask, sizes: &Sizes) -> Order {
    if ops.len() <= OPTIMAL_MAX {
        optimal(ops, out, sizes)
    } else {
        greedy(ops, out, sizes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(pairs: &[(usize, usize)]) -> Sizes {
        let mut s = [1; 64];
        for &(l, n) in pairs {
            s[l] = n;
        }
        s
    }

    #[test]
    fn chain_of_three_goes_through_the_small_side() {
        // ab,bc,cd->ad with a=1000, b=2, c=1000, d=2: (ab,bc) costs 2e6 then 2e6 more;
        // (bc,cd) costs 4e3 then 4e3: the right-to-left order.
        let (a, b, c, d) = (0, 1, 2, 3);
        let s = sizes(&[(a, 1000), (b, 2), (c, 1000), (d, 2)]);
        let ops = [1 << a | 1 << b, 1 << b | 1 << c, 1 << c | 1 << d];
        let o = order(&ops, 1 << a | 1 << d, &s);
        assert_eq!(o.steps, vec![(1, 2), (0, 1)]);
        assert_eq!(o.flops, 2 * 1000 * 2 + 1000 * 2 * 2);
    }

    #[test]
    fn greedy_handles_many_operands() {
        let s = sizes(&[(0, 3), (1, 4), (2, 5), (3, 6), (4, 7), (5, 2)]);
        let ops: Vec<Mask> = (0..5).map(|k| 1 << k | 1 << (k + 1)).collect();
        let o = order(&ops, 1 | 1 << 5, &s);
        assert_eq!(o.steps.len(), 4);
        assert!(o.flops > 0);
    }
}
