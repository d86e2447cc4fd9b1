//! Sparse CSR matrices: products, transpose and construction against dense equivalents
//! computed by plain loops here.

use proptest::prelude::*;
use shaped::sparse::Csr;
use shaped::{Const, Dyn, Matrix, Tensor, Vector, tensor};

/// A random sparse matrix as its size and triplets (duplicates and any order allowed).
fn triplets() -> impl Strategy<Value = (usize, usize, Vec<(usize, usize, f64)>)> {
    (0usize..12, 0usize..12).prop_flat_map(|(m, n)| {
        let entry = if m == 0 || n == 0 {
            Just(Vec::new()).boxed()
        } else {
            prop::collection::vec((0..m, 0..n, -4i32..=4), 0..40)
                .prop_map(|v| {
                    v.into_iter()
                        .map(|(i, j, x)| (i, j, x as f64 * 0.25))
                        .collect()
                })
                .boxed()
        };
        (Just(m), Just(n), entry)
    })
}

/// The dense matrix of the triplets, duplicates summed.
fn dense_of(m: usize, n: usize, t: &[(usize, usize, f64)]) -> Vec<f64> {
    let mut d = vec![0.0; m * n];
    for &(i, j, v) in t {
        d[i * n + j] += v;
    }
    d
}

proptest! {
    #[test]
    fn csr_products_equal_dense((m, n, t) in triplets(), p in 0usize..5, seed in any::<u64>()) {
        let a = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(m), Dyn(n)), &t).unwrap();
        let dense = dense_of(m, n, &t);
        let ad = a.to_dense();
        prop_assert_eq!(ad.as_slice(), &dense[..]);
        // Values are multiples of 1/4 and small: every sum is exact in any order.
        let x: Vec<f64> = (0..n).map(|k| ((seed >> (k % 60)) & 7) as f64 - 3.5).collect();
        let xv = Tensor::<f64, (Dyn,)>::from_vec((Dyn(n),), x.clone()).unwrap();
        let y = a.matvec(&xv);
        let want: Vec<f64> = (0..m).map(|i| (0..n).map(|j| dense[i * n + j] * x[j]).sum()).collect();
        prop_assert_eq!(y.as_slice(), &want[..]);

        let b = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(n), Dyn(p)), |[j, k]| (j * 3 + k) as f64 - 2.0);
        let c = a.matmul(&b);
        prop_assert_eq!(c.dims(), [m, p]);
        for i in 0..m {
            for k in 0..p {
                let w: f64 = (0..n).map(|j| dense[i * n + j] * b[[j, k]]).sum();
                prop_assert_eq!(c[[i, k]], w);
            }
        }
        // A transposed (non-contiguous) right-hand side gives the same product.
        let bt = b.t().to_tensor();
        let c2 = a.matmul(&bt.t());
        prop_assert_eq!(c2.as_slice(), c.as_slice());

        let at = a.transpose();
        prop_assert_eq!(at.dims(), [n, m]);
        let atd = at.to_dense();
        for i in 0..m {
            for j in 0..n {
                prop_assert_eq!(atd[[j, i]], dense[i * n + j]);
            }
        }
        prop_assert_eq!(at.transpose(), a.clone());

        // The parts round-trip through the validating constructor.
        let (ip, ix, iv) = a.clone().into_parts();
        let back = Csr::<f64, Dyn, Dyn>::from_parts((Dyn(m), Dyn(n)), ip, ix, iv).unwrap();
        prop_assert_eq!(back, a.clone());

        // Rows iterate in order and cover every stored entry.
        let mut seen = 0;
        for (r, row) in a.rows().enumerate() {
            prop_assert_eq!(row.row, r);
            prop_assert!(row.indices.windows(2).all(|w| w[0] < w[1]));
            for (j, v) in row.iter() {
                prop_assert_eq!(v, atd[[j, r]]);
            }
            seen += row.indices.len();
        }
        prop_assert_eq!(seen, a.nnz());
        prop_assert_eq!(a.rows().len(), m);
    }

    /// Corrupting one array of a valid CSR is always an error, never a panic.
    #[test]
    fn corrupted_parts_are_errors((m, n, t) in triplets(), which in 0usize..6, at in any::<prop::sample::Index>()) {
        let a = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(m), Dyn(n)), &t).unwrap();
        let (mut ip, mut ix, mut iv) = a.into_parts();
        match which {
            0 => { ip.push(ip[ip.len() - 1]); }
            1 => { ip[0] = 1; }
            2 => { iv.push(1.0); }
            3 => {
                if ix.is_empty() { return Ok(()); }
                let k = at.index(ix.len());
                ix[k] = n;
            }
            4 => {
                // Swap two entries of a row with at least two: unsorted.
                let Some(r) = (0..m).find(|&r| ip[r + 1] - ip[r] >= 2) else { return Ok(()); };
                ix.swap(ip[r], ip[r] + 1);
            }
            _ => {
                // A decreasing indptr.
                if m < 2 || ip[1] == 0 { return Ok(()); }
                ip[1] = ip[2] + 1;
            }
        }
        let r = std::panic::catch_unwind(|| Csr::<f64, Dyn, Dyn>::from_parts((Dyn(m), Dyn(n)), ip, ix, iv));
        let r = r.expect("from_parts must not panic");
        prop_assert!(r.is_err());
        prop_assert!(r.unwrap_err().to_string().starts_with("csr: "));
    }
}

#[test]
fn static_shapes_flow_through_the_types() {
    let a = Csr::<f64, Const<2>, Const<3>>::from_triplets(
        (Const, Const),
        &[(0, 0, 1.0), (0, 2, 2.0), (1, 1, -1.0)],
    )
    .unwrap();
    let x: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
    let y: Vector<f64, 2> = a.matvec(&x);
    assert_eq!(y.as_slice(), &[7.0, -2.0]);
    let b: Matrix<f64, 3, 1> = tensor![[1.0], [2.0], [3.0]];
    let c: Matrix<f64, 2, 1> = a.matmul(&b);
    assert_eq!(c.as_slice(), &[7.0, -2.0]);
    let at: Csr<f64, Const<3>, Const<2>> = a.transpose();
    let d: Matrix<f64, 3, 2> = at.to_dense();
    assert_eq!(d.as_slice(), &[1.0, 0.0, 0.0, -1.0, 2.0, 0.0]);
    // A static sparse matrix times a Dyn vector: checked at run time.
    let xd = Tensor::<f64, (Dyn,)>::from_vec((Dyn(3),), vec![1.0, 2.0, 3.0]).unwrap();
    assert_eq!(a.matvec(&xd).as_slice(), &[7.0, -2.0]);
    let bad = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    assert_eq!(
        a.try_matvec(&bad).unwrap_err().to_string(),
        "csr matvec: lhs (2, 3) has 3 columns but x (4,) has 4 elements"
    );
    // A strided vector view: a column of a matrix.
    let m: Matrix<f64, 3, 2> = tensor![[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]];
    assert_eq!(a.matvec(&m.col(0)).as_slice(), &[7.0, -2.0]);
}

#[test]
#[should_panic(expected = "csr matmul: lhs (2, 3) has 3 columns but rhs (2, 2) has 2 rows")]
fn dyn_mismatch_panics_naming_both_shapes() {
    let a = Csr::<f64, Dyn, Dyn>::zeros((Dyn(2), Dyn(3)));
    let b = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(2)));
    let _ = a.matmul(&b);
}

#[cfg(feature = "rand")]
#[test]
fn random_matches_its_dense_form() {
    use shaped::rand::SeedableRng;
    let mut rng = shaped::rand::rngs::StdRng::seed_from_u64(42);
    let a = Csr::<f64, Dyn, Dyn>::random((Dyn(300), Dyn(200)), 0.01, &mut rng);
    assert_eq!(a.nnz(), 600);
    let d = a.to_dense();
    let x = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(200),), |[j]| (j % 7) as f64 - 3.0);
    let y = a.matvec(&x);
    for i in 0..300 {
        let w: f64 = (0..200).map(|j| d[[i, j]] * x[[j]]).sum();
        assert!((y[[i]] - w).abs() <= 1e-12 * (1.0 + w.abs()), "row {i}");
    }
    // Two draws from different seeds differ.
    let mut rng2 = shaped::rand::rngs::StdRng::seed_from_u64(43);
    let b = Csr::<f64, Dyn, Dyn>::random((Dyn(300), Dyn(200)), 0.01, &mut rng2);
    assert_ne!(a, b);
}

#[test]
fn views_of_a_dense_matrix_are_accepted() {
    let a =
        Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(2), Dyn(2)), &[(0, 1, 1.0), (1, 0, 1.0)]).unwrap();
    let b = Tensor::<f64, (Dyn, Dyn)>::from_vec((Dyn(2), Dyn(3)), vec![1., 2., 3., 4., 5., 6.])
        .unwrap();
    let c = a.matmul(&b.view());
    assert_eq!(c.as_slice(), &[4., 5., 6., 1., 2., 3.]);
}
