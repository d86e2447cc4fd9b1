//! einsum!: typed contractions checked against hand-written loops.

use shaped::einsum::{Operand, einsum_dyn, plan};
use shaped::{
    AsView, Axes3, Const, Dyn, Matrix, One, Tensor, Tensor3, Vector, einsum, tensor, try_einsum,
};

fn seq<S: shaped::Shape>(shape: S) -> Tensor<f64, S> {
    let mut k = 0.0;
    Tensor::from_fn_with(shape, |_| {
        k += 1.0;
        (k * 0.37f64).sin()
    })
}

#[test]
fn matmul_shaped() {
    let a = seq((Const::<3>, Const::<4>));
    let b = seq((Const::<4>, Const::<5>));
    let c: Matrix<f64, 3, 5> = einsum!("ij,jk->ik", a, b);
    for i in 0..3 {
        for k in 0..5 {
            let e: f64 = (0..4).map(|j| a[[i, j]] * b[[j, k]]).sum();
            assert!((c[[i, k]] - e).abs() < 1e-12);
        }
    }
    let c2 = einsum!("ij,jk", &a, b.view());
    assert_eq!(c2.as_slice(), c.as_slice());
    let ct = einsum!("ij,jk->ki", a, b);
    assert_eq!(ct.dims(), [5, 3]);
    assert_eq!(ct[[4, 2]], c[[2, 4]]);
}

#[test]
fn trace_diag_ellipsis() {
    let m: Matrix<f64, 3, 3> = tensor![[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]];
    let d: Vector<f64, 3> = einsum!("ii->i", m);
    assert_eq!(d.as_slice(), &[1., 5., 9.]);
    let t = einsum!("ii->", m);
    assert_eq!(t.as_slice(), &[15.]);
    let x = seq((Dyn(2), Const::<3>, Const::<4>));
    let y = seq((Const::<4>,));
    let z = einsum!("...k,k->...", x, y);
    assert_eq!(z.dims(), [2, 3]);
    let w = einsum!("bik,k->bi", x, y);
    assert_eq!(z.as_slice(), w.as_slice());
    let p = x.permute::<Axes3<0, 2, 1>>();
    let q: Tensor3<f64, 2, 2, 2> = Tensor3::zeros();
    let _ = q;
    let r = einsum!("bki,k->bi", p, y);
    assert_eq!(r.as_slice(), w.as_slice());
}

#[test]
fn one_broadcasts_and_dyn_errors() {
    let a = seq((One, Const::<3>));
    let b = seq((Const::<4>, Const::<3>));
    let c = einsum!("ij,ij->ij", a, b);
    assert_eq!(c.dims(), [4, 3]);
    let x = seq((Dyn(3),));
    let y = seq((Dyn(4),));
    let e = try_einsum!("i,i->", x, y).unwrap_err();
    assert!(e.to_string().contains("index `i`"), "{e}");
}

#[test]
fn dyn_and_plan() {
    let a = seq((Const::<2>, Const::<3>)).into_dyn();
    let out = einsum_dyn(
        "ij,kj->ik",
        &[Operand::new(a.view()), Operand::new(a.view())],
    )
    .unwrap();
    assert_eq!(out.dims, vec![2, 2]);
    let p = plan("ab,bc,cd->ad", &[&[1000, 2], &[2, 1000], &[1000, 2]]).unwrap();
    assert_eq!(p.steps, vec![(1, 2), (0, 1)]);
}

/// A small deterministic generator (the planner test needs varied sizes, not quality).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// The multiply-adds of contracting label sets in every possible pairwise order; the least.
fn brute_force_min(ops: Vec<Vec<char>>, out: &[char], size: &dyn Fn(char) -> u128) -> u128 {
    if ops.len() == 1 {
        return 0;
    }
    let mut best = u128::MAX;
    for i in 0..ops.len() {
        for j in i + 1..ops.len() {
            let mut joint: Vec<char> = ops[i].clone();
            joint.extend(ops[j].iter().filter(|c| !ops[i].contains(c)));
            let cost: u128 = joint.iter().map(|&c| size(c)).product();
            let rest: Vec<Vec<char>> = (0..ops.len())
                .filter(|&k| k != i && k != j)
                .map(|k| ops[k].clone())
                .collect();
            let kept: Vec<char> = joint
                .iter()
                .copied()
                .filter(|c| out.contains(c) || rest.iter().any(|o| o.contains(c)))
                .collect();
            let mut next = rest;
            next.push(kept);
            best = best.min(cost + brute_force_min(next, out, size));
        }
    }
    best
}

#[test]
fn planner_is_optimal_for_chains_of_three_and_four() {
    let mut rng = Lcg(7);
    let letters = ['a', 'b', 'c', 'd', 'e'];
    for n_ops in [3usize, 4] {
        for _ in 0..200 {
            // A matrix chain "ab,bc,cd->ad" (or with "de") with random sizes from 1 to 300.
            let sizes: Vec<usize> = (0..=n_ops).map(|_| 1 + rng.below(300) as usize).collect();
            let terms: Vec<Vec<char>> = (0..n_ops)
                .map(|k| vec![letters[k], letters[k + 1]])
                .collect();
            let out = [letters[0], letters[n_ops]];
            let spec = format!(
                "{}->{}",
                terms
                    .iter()
                    .map(|t| t.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(","),
                out.iter().collect::<String>()
            );
            let shapes: Vec<Vec<usize>> =
                (0..n_ops).map(|k| vec![sizes[k], sizes[k + 1]]).collect();
            let shape_refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
            let p = plan(&spec, &shape_refs).unwrap();
            let size = |c: char| sizes[letters.iter().position(|&l| l == c).unwrap()] as u128;
            let best = brute_force_min(terms.clone(), &out, &size);
            assert_eq!(p.flops, best, "{spec} with sizes {sizes:?}: {:?}", p.steps);
            assert_eq!(p.steps.len(), n_ops - 1);
        }
    }
}

#[test]
fn planner_is_optimal_for_random_four_operand_networks() {
    let mut rng = Lcg(11);
    let letters: Vec<char> = "abcdef".chars().collect();
    for _ in 0..200 {
        let sizes: Vec<u128> = letters.iter().map(|_| 1 + rng.below(40) as u128).collect();
        // Each letter goes to two distinct operands (contracted) or one operand and the output.
        let mut terms: Vec<Vec<char>> = vec![vec![]; 4];
        let mut out = vec![];
        for &c in &letters {
            let i = rng.below(4) as usize;
            terms[i].push(c);
            if rng.below(3) == 0 {
                out.push(c);
            } else {
                let j = (i + 1 + rng.below(3) as usize) % 4;
                terms[j].push(c);
            }
        }
        let spec = format!(
            "{}->{}",
            terms
                .iter()
                .map(|t| t.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(","),
            out.iter().collect::<String>()
        );
        let size = |c: char| sizes[letters.iter().position(|&l| l == c).unwrap()];
        let shapes: Vec<Vec<usize>> = terms
            .iter()
            .map(|t| t.iter().map(|&c| size(c) as usize).collect())
            .collect();
        let shape_refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
        let p = plan(&spec, &shape_refs).unwrap();
        assert_eq!(p.flops, brute_force_min(terms, &out, &size), "{spec}");
    }
}
