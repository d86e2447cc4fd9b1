//! Least squares with residual analysis, on Fisher's iris measurements
//! (`examples/data/iris.csv`): petal width explained by petal length and sepal length.
//!
//! Run it with `cargo run --release --example regression`.

use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/iris.csv");
    let text = std::fs::read_to_string(path)?;
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|f| f.trim().parse::<f64>()).collect())
        .collect::<Result<_, _>>()?;
    let n = rows.len();

    // Design matrix (N, 3): intercept, petal length, sepal length. Target: petal width.
    let a = Tensor::<f64, (Dyn, Const<3>)>::from_fn_with((Dyn(n), Const), |[i, j]| match j {
        0 => 1.0,
        1 => rows[i][2],
        _ => rows[i][0],
    });
    let y = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(n),), |[i]| rows[i][3]);

    // numpy: x, res, rank, sv = np.linalg.lstsq(A, y)
    let fit = a.lstsq(&y)?;
    let x = &fit.x; // (3,): the type knows there is one coefficient per column of A
    println!(
        "petal_width ~ {:.4} + {:.4} petal_length + {:.4} sepal_length",
        x[[0]],
        x[[1]],
        x[[2]]
    );
    println!(
        "rank {} of 3, singular values {:.3?}, cond(A) = {:.1}",
        fit.rank,
        fit.singular_values.as_slice(),
        a.cond()
    );

    // Residual analysis.
    let r: Vec<f64> = (0..n)
        .map(|i| y[[i]] - (0..3).map(|j| a[[i, j]] * x[[j]]).sum::<f64>())
        .collect();
    let rss: f64 = r.iter().map(|v| v * v).sum();
    let mean_y = y.iter().sum::<f64>() / n as f64;
    let tss: f64 = y.iter().map(|v| (v - mean_y).powi(2)).sum();
    println!(
        "\nresidual sum of squares {rss:.4} (lstsq reports {:.4?})",
        fit.residuals
    );
    println!("R^2 = {:.4}", 1.0 - rss / tss);
    println!(
        "residual standard error = {:.4} cm",
        (rss / (n - 3) as f64).sqrt()
    );
    let worst = (0..n)
        .max_by(|&i, &j| r[i].abs().total_cmp(&r[j].abs()))
        .unwrap_or(0);
    println!("largest residual: {:+.3} cm at flower {worst}", r[worst]);
    // Least squares is a projection: the residual is orthogonal to every column of A.
    for (j, name) in ["intercept", "petal_length", "sepal_length"]
        .iter()
        .enumerate()
    {
        let dot: f64 = (0..n).map(|i| a[[i, j]] * r[i]).sum();
        println!("  <residual, {name:<12}> = {dot:+.2e}");
    }
    // Residuals by species: a sign of what the linear model misses.
    for (s, name) in ["setosa", "versicolor", "virginica"].iter().enumerate() {
        let idx: Vec<usize> = (0..n).filter(|&i| rows[i][4] as usize == s).collect();
        let m = idx.iter().map(|&i| r[i]).sum::<f64>() / idx.len() as f64;
        println!("mean residual for {name:<10}: {m:+.4} cm");
    }
    Ok(())
}
