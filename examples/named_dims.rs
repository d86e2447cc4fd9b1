//! A single-head self-attention block written with named dims: `Batch` and `Seq` are sizes
//! known at run time, `Model` and `Head` static ones. Every axis says what it is, so the
//! mistakes that sizes alone cannot see do not compile.
//!
//! The mistake only names catch: a batch stored time-major, (Seq, Batch, Model), as recurrent
//! models and many data loaders keep it, handed to a block that expects (Batch, Seq, Model).
//! With both axes `Dyn` it compiles and runs, and attention silently mixes the sentences of a
//! batch instead of the words of a sentence. With names (the call in `main` below,
//! uncommented) `cargo build` says:
//!
//! ```text
//! error[E0308]: mismatched types
//!   --> examples/named_dims.rs:88:27
//!    |
//! 88 |     let y = block.forward(&time_major);
//!    |                   ------- ^^^^^^^^^^^ expected `&Tensor<f32, (Batch, Seq, Model)>`, found `&Tensor<f32, (Seq, Batch, Model)>`
//!    |                   |
//!    |                   arguments to this method are incorrect
//!    |
//!    = note: expected reference `&shaped::Tensor<_, (Batch, Seq, Model)>`
//!               found reference `&shaped::Tensor<_, (Seq, Batch, Model)>`
//! ```
//!
//! The fix says what it does: `time_major.permute::<Axes3<1, 0, 2>>()` gives (Batch, Seq,
//! Model).
//!
//! Run it with `cargo run --release --example named_dims`.

use shaped::prelude::*;
use shaped::rand::{SeedableRng, rngs::StdRng};

dim!(Batch);
dim!(Seq);
dim!(Model = 16);
dim!(Head = 8);

/// Single-head self-attention with a residual connection:
/// `x + softmax(q k^T / sqrt(h)) v W_o`, with `q = x W_q`, `k = x W_k`, `v = x W_v`.
struct Attention {
    w_q: Tensor<f32, (Model, Head)>,
    w_k: Tensor<f32, (Model, Head)>,
    w_v: Tensor<f32, (Model, Head)>,
    w_o: Tensor<f32, (Head, Model)>,
}

impl Attention {
    fn new(rng: &mut StdRng) -> Self {
        let scale = 1.0 / (Model.size() as f32).sqrt();
        let mut w = || Tensor::<f32, (Model, Head)>::random_normal(rng).map(|v| v * scale);
        let (w_q, w_k, w_v) = (w(), w(), w());
        let w_o = Tensor::<f32, (Head, Model)>::random_normal(rng).map(|v| v * scale);
        Attention { w_q, w_k, w_v, w_o }
    }

    /// (Batch, Seq, Model) -> (Batch, Seq, Model).
    fn forward(&self, x: &Tensor<f32, (Batch, Seq, Model)>) -> Tensor<f32, (Batch, Seq, Model)> {
        // batched (Batch, Seq, Model) x (Model, Head) -> (Batch, Seq, Head)
        let (q, k, v) = (
            x.matmul(&self.w_q),
            x.matmul(&self.w_k),
            x.matmul(&self.w_v),
        );
        // scores between the words of each sentence: (Batch, Seq, Seq)
        let scale = 1.0 / (Head.size() as f32).sqrt();
        let scores = einsum!("bqh,bkh->bqk", q, k).map(|s| s * scale);
        let weights = softmax_last(&scores);
        let mixed: Tensor<f32, (Batch, Seq, Head)> = einsum!("bqk,bkh->bqh", weights, v);
        x + &mixed.matmul(&self.w_o)
    }
}

/// Softmax along the last axis, for any dims: generic code needs only `Dim` bounds.
fn softmax_last<B: Dim, Q: Dim, K: Dim>(s: &Tensor<f32, (B, Q, K)>) -> Tensor<f32, (B, Q, K)> {
    let e = (s - &s.max_keepdim::<2>()).map(f32::exp); // (B, Q, K) - (B, Q, One)
    &e / &e.sum_keepdim::<2>()
}

fn main() {
    let mut rng = StdRng::seed_from_u64(7);
    let block = Attention::new(&mut rng);
    let (batch, seq) = (Batch(4), Seq(10));
    let x = Tensor::<f32, (Batch, Seq, Model)>::random_normal_with((batch, seq, Model), &mut rng);
    let y = block.forward(&x);
    println!("attention: x {:?} -> y {:?}", x.dims(), y.dims());

    // The same batch stored time-major: the block does not take it as it is ...
    let time_major: Tensor<f32, (Seq, Batch, Model)> = x.permute::<Axes3<1, 0, 2>>().to_tensor();
    // let y = block.forward(&time_major); // error[E0308]: mismatched types (see the top)
    // ... but after a permutation that says what it does.
    let batch_major = time_major.permute::<Axes3<1, 0, 2>>().to_tensor();
    let y2 = block.forward(&batch_major);
    assert!((&y - &y2).norm_linf() == 0.0);

    // Each row of attention weights sums to 1.
    let w = softmax_last(&einsum!("bqm,bkm->bqk", x, x));
    let sums: Tensor<f32, (Batch, Seq)> = w.sum_axis::<2>();
    assert!(sums.iter().all(|s| (s - 1.0).abs() < 1e-5));

    // Run-time sizes that disagree are reported with the names.
    let other = Tensor::<f32, (Batch, Seq, Model)>::zeros_with((Batch(4), Seq(12), Model));
    let err = x.try_add(&other).unwrap_err();
    println!("{err}");
    // Anonymous code takes the named tensor after a conversion that cannot fail.
    let anonymous: Tensor<f32, (Dyn, Dyn, Const<16>)> = y.into_shape();
    println!("as anonymous dims: {:?}", anonymous.dims());
}
