//! einsum!: typed contractions checked against hand-written loops.

use shaped::einsum::{Operand, einsum_dyn, plan};
use shaped::{Axes3, Const, Dyn, Matrix, One, Tensor, Tensor3, Vector, einsum, tensor, try_einsum};

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

/// The eight layouts of a two-matrix product (each operand either way round, the output
/// either way round), on contiguous and transposed views, against the loop: they take
/// einsum's direct GEMM path.
#[test]
fn matrix_product_layouts() {
    let a = seq((Const::<3>, Const::<4>)); // (i, k)
    let b = seq((Const::<4>, Const::<5>)); // (k, j)
    let at = a.t().to_tensor(); // (k, i)
    let bt = b.t().to_tensor(); // (j, k)
    let want = |i: usize, j: usize| (0..4).map(|k| a[[i, k]] * b[[k, j]]).sum::<f64>();
    let check_ij = |c: &Tensor<f64, (Const<3>, Const<5>)>| {
        for i in 0..3 {
            for j in 0..5 {
                assert!((c[[i, j]] - want(i, j)).abs() < 1e-12, "({i}, {j})");
            }
        }
    };
    let check_ji = |c: &Tensor<f64, (Const<5>, Const<3>)>| {
        for i in 0..3 {
            for j in 0..5 {
                assert!((c[[j, i]] - want(i, j)).abs() < 1e-12, "({j}, {i})");
            }
        }
    };
    check_ij(&einsum!("ik,kj->ij", a, b));
    check_ij(&einsum!("ki,kj->ij", at, b));
    check_ij(&einsum!("ik,jk->ij", a, bt));
    check_ij(&einsum!("ki,jk->ij", at, bt));
    check_ji(&einsum!("ik,kj->ji", a, b));
    check_ji(&einsum!("ki,kj->ji", at, b));
    check_ji(&einsum!("ik,jk->ji", a, bt));
    check_ji(&einsum!("ki,jk->ji", at, bt));
    // strided operands: views of the transposes
    check_ij(&einsum!("ik,kj->ij", at.t(), bt.t()));
    check_ji(&einsum!("jk,ki->ji", bt.t().t(), a.t()));
    // the operand order is free: the second operand may carry the output's first label
    check_ij(&einsum!("kj,ik->ij", b, a));
    // empty sizes and a run-time mismatch of the summed size
    let e = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(3), Dyn(0)));
    let f = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(2)));
    let z = einsum!("ik,kj->ij", e, f);
    assert_eq!((z.dims(), z.as_slice()), ([3, 2], &[0.0; 6][..]));
    let g = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(2)));
    assert!(try_einsum!("ik,kj->ij", e, g).is_err());
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

/// numpy's einsum by brute force over every index of every letter (explicit specs without
/// `...`; operands as row-major data with their sizes).
fn naive(spec: &str, ops: &[(&[usize], Vec<f64>)]) -> (Vec<usize>, Vec<f64>) {
    let (lhs, out) = spec.split_once("->").unwrap();
    let terms: Vec<Vec<char>> = lhs.split(',').map(|t| t.chars().collect()).collect();
    let out: Vec<char> = out.chars().collect();
    let mut letters: Vec<char> = terms.iter().flatten().copied().collect();
    letters.sort_unstable();
    letters.dedup();
    let size = |c: char| {
        terms
            .iter()
            .zip(ops)
            .find_map(|(t, (d, _))| t.iter().position(|&x| x == c).map(|p| d[p]))
            .unwrap()
    };
    let out_dims: Vec<usize> = out.iter().map(|&c| size(c)).collect();
    let mut res = vec![0.0; out_dims.iter().product()];
    let sizes: Vec<usize> = letters.iter().map(|&c| size(c)).collect();
    let mut idx = vec![0usize; letters.len()];
    let val = |c: char, idx: &[usize]| idx[letters.iter().position(|&x| x == c).unwrap()];
    'outer: loop {
        let mut p = 1.0;
        for (t, (d, data)) in terms.iter().zip(ops) {
            let off = t
                .iter()
                .zip(d.iter())
                .fold(0, |o, (&c, &n)| o * n + val(c, &idx));
            p *= data[off];
        }
        let o = out
            .iter()
            .zip(&out_dims)
            .fold(0, |o, (&c, &n)| o * n + val(c, &idx));
        res[o] += p;
        for a in (0..idx.len()).rev() {
            idx[a] += 1;
            if idx[a] < sizes[a] {
                continue 'outer;
            }
            idx[a] = 0;
        }
        break;
    }
    (out_dims, res)
}

fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-12 * (1.0 + w.abs()) * 64.0,
            "{what}[{k}]: {g} vs {w}"
        );
    }
}

#[test]
fn large_products_through_gemm_match_brute_force() {
    // Odd sizes around matrixmultiply's block edges, transposed and permuted operands.
    let a = seq((Dyn(65), Dyn(67)));
    let b = seq((Dyn(67), Dyn(63)));
    let (d, want) = naive(
        "ij,jk->ik",
        &[
            (&[65, 67], a.as_slice().to_vec()),
            (&[67, 63], b.as_slice().to_vec()),
        ],
    );
    let c = einsum!("ij,jk->ik", a, b);
    assert_eq!(c.dims().to_vec(), d);
    assert_close(c.as_slice(), &want, "ij,jk->ik");
    // The same product with the output transposed, and with A given as a transposed view.
    let ct = einsum!("ij,jk->ki", a, b);
    let (_, want_t) = naive(
        "ij,jk->ki",
        &[
            (&[65, 67], a.as_slice().to_vec()),
            (&[67, 63], b.as_slice().to_vec()),
        ],
    );
    assert_close(ct.as_slice(), &want_t, "ij,jk->ki");
    let at = a.t().to_tensor(); // (67, 65) contiguous
    let c2 = einsum!("ji,jk->ik", at, b);
    assert_close(c2.as_slice(), &want, "ji,jk->ik");
    let c3 = einsum!("ij,jk->ik", at.t(), b);
    assert_close(c3.as_slice(), &want, "view .t()");

    // Batched, and a batch loop over a permuted view (no copy: i becomes a loop label).
    let x = seq((Dyn(5), Dyn(33), Dyn(17)));
    let y = seq((Dyn(5), Dyn(17), Dyn(31)));
    let (_, want) = naive(
        "bij,bjk->bik",
        &[
            (&[5, 33, 17], x.as_slice().to_vec()),
            (&[5, 17, 31], y.as_slice().to_vec()),
        ],
    );
    assert_close(
        einsum!("bij,bjk->bik", x, y).as_slice(),
        &want,
        "bij,bjk->bik",
    );
    let t = seq((Dyn(6), Dyn(20), Dyn(24)));
    let m = seq((Dyn(20), Dyn(30)));
    let (_, want) = naive(
        "ijk,jl->ikl",
        &[
            (&[6, 20, 24], t.as_slice().to_vec()),
            (&[20, 30], m.as_slice().to_vec()),
        ],
    );
    assert_close(
        einsum!("ijk,jl->ikl", t, m).as_slice(),
        &want,
        "ijk,jl->ikl",
    );
    let tp = t.permute::<Axes3<0, 2, 1>>(); // (6, 24, 20), strided
    assert_close(
        einsum!("ikj,jl->ikl", tp, m).as_slice(),
        &want,
        "permuted view",
    );
    // Attention scores: bhqd,bhkd->bhqk.
    let q = seq((Dyn(2), Dyn(3), Dyn(16), Dyn(8)));
    let k = seq((Dyn(2), Dyn(3), Dyn(12), Dyn(8)));
    let (_, want) = naive(
        "bhqd,bhkd->bhqk",
        &[
            (&[2, 3, 16, 8], q.as_slice().to_vec()),
            (&[2, 3, 12, 8], k.as_slice().to_vec()),
        ],
    );
    assert_close(
        einsum!("bhqd,bhkd->bhqk", q, k).as_slice(),
        &want,
        "attention",
    );
    // A chain whose best order is right to left.
    let p0 = seq((Dyn(40), Dyn(3)));
    let p1 = seq((Dyn(3), Dyn(50)));
    let p2 = seq((Dyn(50), Dyn(4)));
    let (_, want) = naive(
        "ab,bc,cd->ad",
        &[
            (&[40, 3], p0.as_slice().to_vec()),
            (&[3, 50], p1.as_slice().to_vec()),
            (&[50, 4], p2.as_slice().to_vec()),
        ],
    );
    assert_close(
        einsum!("ab,bc,cd->ad", p0, p1, p2).as_slice(),
        &want,
        "chain",
    );
    // Integers go through the same path.
    let ia = Tensor::<i64, (Dyn, Dyn)>::from_fn_with((Dyn(20), Dyn(30)), |[i, j]| {
        (i * 7 + j) as i64 % 11 - 5
    });
    let ib = Tensor::<i64, (Dyn, Dyn)>::from_fn_with((Dyn(30), Dyn(25)), |[i, j]| {
        (i + 3 * j) as i64 % 7 - 3
    });
    let ic = einsum!("ij,jk->ik", ia, ib);
    for (i, k) in [(0, 0), (19, 24), (7, 13)] {
        let e: i64 = (0..30).map(|j| ia[[i, j]] * ib[[j, k]]).sum();
        assert_eq!(ic[[i, k]], e);
    }
}
