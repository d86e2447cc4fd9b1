//! numpy `.npz` archives: read the arrays `np.savez_compressed` wrote into typed shapes, and
//! write an archive numpy reads with `np.load`.
//!
//! Run it with `cargo run --example npz_archive --features npz`. It reads
//! `tests/data/ecosystem/arrays_compressed.npz` (written by numpy; see `make_fixtures.py`
//! beside it).

use shaped::io::npz::{NpzReader, NpzWriter};
use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/ecosystem/arrays_compressed.npz"
    );
    let mut npz = NpzReader::open(path)?;
    println!("arrays in the archive: {:?}", npz.names());
    let w = npz.tensor::<f64, (Const<2>, Const<3>)>("w")?;
    let f = npz.tensor::<f64, (Dyn, Const<2>)>("f")?; // stored in Fortran order by numpy
    println!("w =\n{w}\nf =\n{f}");
    let wf = w.matmul(&f);
    println!("w f =\n{wf}");

    // A dtype the .npy reader does not take is an error naming the member.
    if let Err(e) = npz.tensor::<f64, (Dyn,)>("i") {
        println!("as expected: {e}");
    }

    let out = std::env::temp_dir().join("shaped_example.npz");
    let mut writer = NpzWriter::create_compressed(&out)?;
    writer.add("wf", &wf)?;
    writer.add("w_t", &w.t())?;
    writer.finish()?;
    println!("wrote {} (np.load reads it)", out.display());
    let mut back = NpzReader::open(&out)?;
    assert_eq!(back.tensor::<f64, (Const<2>, Const<2>)>("wf")?, wf);
    std::fs::remove_file(&out).ok();
    Ok(())
}
