//! An MLP forward pass with softmax cross-entropy, written with numpy's names: standardise the
//! inputs (fitted on the training rows), two dense layers with `relu`, `log_softmax` along the
//! class axis, the loss picked by `take_along_axis` with the integer labels, accuracy from
//! `argmax_axis` and a mask, the five most likely classes by `topk`.
//!
//! numpy:
//! ```text
//! z = (x - mu) / sd
//! h = np.maximum(z @ w1 + b1, 0)
//! logits = h @ w2 + b2
//! lp = logits - logsumexp(logits, axis=1, keepdims=True)
//! loss = -lp[np.arange(n), y].mean()
//! acc = (logits.argmax(axis=1) == y).mean()
//! ```
//!
//! Every shape is in the types: `Features`, `Hidden` and `Classes` are named static dims, the
//! batch is `Dyn`. Feeding the hidden activations where the inputs go, or labels of another
//! batch, does not compile (or, for two `Dyn` batches, is a run-time error naming both).
//!
//! Run it with `cargo run --release --example mlp`.

use shaped::ml::Standardizer;
use shaped::prelude::*;
use shaped::rand::{SeedableRng, rngs::StdRng};

dim!(Features = 20);
dim!(Hidden = 32);
dim!(Classes = 5);

/// The parameters of a two-layer perceptron.
struct Mlp {
    w1: Tensor<f32, (Features, Hidden)>,
    b1: Tensor<f32, (Hidden,)>,
    w2: Tensor<f32, (Hidden, Classes)>,
    b2: Tensor<f32, (Classes,)>,
}

impl Mlp {
    fn new(rng: &mut StdRng) -> Self {
        // He initialisation: N(0, 2 / fan_in)
        let w1 = Tensor::random_normal(rng) * (2.0f32 / 20.0).sqrt();
        let w2 = Tensor::random_normal(rng) * (2.0f32 / 32.0).sqrt();
        Mlp {
            w1,
            b1: Tensor::zeros(),
            w2,
            b2: Tensor::zeros(),
        }
    }

    /// Logits for a batch of rows: (B, Features) -> (B, Classes), for any batch dim `B`.
    fn logits<B: Dim>(&self, x: &Tensor<f32, (B, Features)>) -> Tensor<f32, (B, Classes)> {
        let h = (x.matmul(&self.w1) + &self.b1).relu(); // (B, Hidden)
        h.matmul(&self.w2) + &self.b2
    }
}

/// Mean softmax cross-entropy of logits (B, C) against integer labels (B,): the negative
/// mean of `log_softmax(z)[b, y_b]`, stable at any magnitude of the logits.
fn cross_entropy<B: Dim, C: Dim>(z: &Tensor<f32, (B, C)>, y: &Tensor<usize, (B,)>) -> f32 {
    let lp = z.log_softmax::<1>(); // (B, C)
    let picked = lp.take_along_axis::<1, _>(&y.clone().unsqueeze::<1>()); // (B, One)
    -picked.mean()
}

/// The same loss with plain loops, to check the typed one.
fn cross_entropy_loop(z: &[f32], y: &[usize], c: usize) -> f32 {
    let mut total = 0.0f64;
    for (row, &label) in z.chunks_exact(c).zip(y) {
        let m = row.iter().cloned().fold(f32::NEG_INFINITY, f32::max) as f64;
        let s: f64 = row.iter().map(|&v| (v as f64 - m).exp()).sum();
        total -= (row[label] as f64 - m) - s.ln();
    }
    (total / y.len() as f64) as f32
}

fn main() {
    let mut rng = StdRng::seed_from_u64(7);
    let (n_train, n_test) = (512, 128);

    // A synthetic task: the class is the argmax of a fixed linear map of the features.
    let teacher = Tensor::<f32, (Features, Classes)>::random_normal(&mut rng);
    let raw = |n: usize, rng: &mut StdRng| {
        // features on different scales and offsets, as raw data come
        let x = Tensor::<f32, (Dyn, Features)>::random_normal_with((Dyn(n), Features), rng);
        let scale = Tensor::<f32, (Features,)>::linspace_static(0.5, 20.0);
        &x * &scale + 3.0
    };
    let x_train = raw(n_train, &mut rng);
    let x_test = raw(n_test, &mut rng);

    // Standardise with the training statistics only.
    let sc = Standardizer::fit(&x_train).expect("training rows");
    let z_train = sc.transform(&x_train);
    let z_test = sc.transform(&x_test);
    let y_train = z_train.matmul(&teacher).argmax_axis::<1>(); // (n_train,) usize labels
    let y_test = z_test.matmul(&teacher).argmax_axis::<1>();

    let mlp = Mlp::new(&mut rng);
    let logits = mlp.logits(&z_test); // (Dyn, Classes)
    let loss = cross_entropy(&logits, &y_test);
    let by_loop = cross_entropy_loop(logits.as_slice(), y_test.as_slice(), 5);
    println!(
        "untrained MLP: test cross-entropy {loss:.4} (loop: {by_loop:.4}; ln 5 = {:.4})",
        5f32.ln()
    );
    assert!((loss - by_loop).abs() < 1e-4 * by_loop.abs().max(1.0));

    // Probabilities: each row sums to 1, even for logits of magnitude 1000.
    let p = (&logits * 1000.0).softmax::<1>();
    let worst = p
        .sum_axis::<1>()
        .iter()
        .fold(0.0f32, |m, &s| m.max((s - 1.0).abs()));
    println!("softmax of logits x 1000: largest |row sum - 1| = {worst:e}");
    assert!(worst < 1e-5);

    // Accuracy from a mask, and the top-3 classes of the first test rows.
    let predicted = logits.argmax_axis::<1>();
    let correct = predicted.eq_elem(&y_test).count();
    println!(
        "accuracy of the untrained MLP: {correct}/{n_test}; of the teacher: {}/{n_test}",
        z_test
            .matmul(&teacher)
            .argmax_axis::<1>()
            .eq_elem(&y_test)
            .count()
    );
    let (top_p, top_class) = logits.softmax::<1>().topk::<1, 3>(); // (Dyn, Const<3>)
    for (row, (ps, cs)) in top_p.rows().zip(top_class.rows()).take(3).enumerate() {
        println!(
            "row {row}: label {}, top-3 classes {:?} with p = {:.3?}",
            y_test[[row]],
            cs.iter().collect::<Vec<_>>(),
            ps.iter().collect::<Vec<_>>()
        );
    }
    // the labels of the training set as an .npy file numpy reads as int64 / uint64
    let bytes = y_train.to_npy_bytes();
    println!("train labels as .npy: {} bytes, dtype <u8", bytes.len());
}
