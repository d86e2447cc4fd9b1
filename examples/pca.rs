//! PCA of Fisher's iris measurements (150 flowers x 4 features, shipped in
//! `examples/data/iris.csv`): explained variance ratios and the 2-D projection.
//!
//! Run it with `cargo run --release --example pca`.

use shaped::prelude::*;

const SPECIES: [&str; 3] = ["setosa", "versicolor", "virginica"];

/// The iris features: one row per flower, four measurements.
type Features = Tensor<f64, (Dyn, Const<4>)>;

/// The features (N, 4) and species indices of the iris csv.
fn read_iris() -> Result<(Features, Vec<usize>), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/iris.csv");
    let text = std::fs::read_to_string(path)?;
    let mut values = Vec::new();
    let mut species = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != 5 {
            return Err(format!("iris.csv: expected 5 fields, got {line:?}").into());
        }
        for f in &fields[..4] {
            values.push(f.trim().parse::<f64>()?);
        }
        species.push(fields[4].trim().parse::<usize>()?);
    }
    let x = Tensor::from_vec((Dyn(species.len()), Const::<4>), values)?;
    Ok((x, species))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (x, species) = read_iris()?;
    println!("iris: {} samples x {} features", x.dims()[0], x.dims()[1]);

    // All four components: how the variance splits.
    let full = x.pca::<4>()?;
    println!(
        "explained variance (cm^2):  {:.4?}",
        full.explained_variance.as_slice()
    );
    println!(
        "explained variance ratio:   {:.4?}",
        full.explained_variance_ratio.as_slice()
    );
    let two: f64 = full.explained_variance_ratio.as_slice()[..2].iter().sum();
    println!(
        "the first two components keep {:.1}% of the variance",
        100.0 * two
    );

    // Two components: the 2-D picture. K = 2 is in the type: z is (N, 2).
    let pca = x.pca::<2>()?;
    println!(
        "\ncomponents (rows; features: sepal length, sepal width, petal length, petal width):"
    );
    for k in 0..2 {
        println!(
            "  PC{}: {:+.4?}",
            k + 1,
            pca.components.row(k).to_tensor().as_slice()
        );
    }
    let z: Tensor<f64, (Dyn, Const<2>)> = pca.transform(&x);

    println!("\nmean position of each species in the (PC1, PC2) plane:");
    for (s, name) in SPECIES.iter().enumerate() {
        let rows: Vec<usize> = (0..species.len()).filter(|&i| species[i] == s).collect();
        let c1 = rows.iter().map(|&i| z[[i, 0]]).sum::<f64>() / rows.len() as f64;
        let c2 = rows.iter().map(|&i| z[[i, 1]]).sum::<f64>() / rows.len() as f64;
        println!("  {name:<11} ({c1:+.3}, {c2:+.3})  n = {}", rows.len());
    }

    println!("\nthe 2-D projection, every 10th flower:");
    println!(
        "  {:>4}  {:<11} {:>8} {:>8}",
        "row", "species", "PC1", "PC2"
    );
    for i in (0..species.len()).step_by(10) {
        println!(
            "  {i:>4}  {:<11} {:>8.3} {:>8.3}",
            SPECIES[species[i]],
            z[[i, 0]],
            z[[i, 1]]
        );
    }

    // Back to centimetres: the rank-2 reconstruction error is the dropped variance.
    let back = pca.inverse_transform(&z);
    let n = x.dims()[0];
    let sq: f64 = (0..n)
        .flat_map(|i| (0..4).map(move |j| (i, j)))
        .map(|(i, j)| (x[[i, j]] - back[[i, j]]).powi(2))
        .sum();
    let dropped: f64 = full.explained_variance.as_slice()[2..].iter().sum();
    println!(
        "\nmean squared reconstruction error from 2 components: {:.5} cm^2 \
         (= dropped variance x (n-1)/n = {:.5})",
        sq / n as f64,
        dropped * (n - 1) as f64 / n as f64
    );

    // Standardised features give every feature the same weight.
    let zs = x.standardize().pca::<2>()?;
    println!(
        "\non standardised features the ratios are {:.4?}",
        zs.explained_variance_ratio.as_slice()
    );
    Ok(())
}
