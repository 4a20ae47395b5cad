//! Embeds the trained models of `data/models/` when they exist, so a build
//! without them (before the first training run) still compiles; the pipeline
//! then reports which model is missing and how to train it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models");
    println!("cargo:rerun-if-changed={}", models.display());
    let mut code = String::new();
    for name in ["pos", "chunk", "ner"] {
        let path = models.join(format!("{name}.bin"));
        println!("cargo:rerun-if-changed={}", path.display());
        let value = match path.canonicalize() {
            Ok(path) => format!(
                "Some(include_bytes!({:?}) as &[u8])",
                path.display().to_string()
            ),
            Err(_) => "None".to_owned(),
        };
        writeln!(code, "/// The embedded `{name}` model, if it was trained.").ok();
        writeln!(
            code,
            "pub static {}: Option<&[u8]> = {value};",
            name.to_uppercase()
        )
        .ok();
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("models.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
