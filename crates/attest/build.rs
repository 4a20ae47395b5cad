//! Embeds the trained models of `data/models/` when they exist, so a build
//! without them (before the first training run) still compiles; the pipeline
//! then reports which model is missing and how to train it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models");
    println!("cargo:rerun-if-changed={}", models.display());
    let mut code = String::new();
    for name in ["pos", "chunk", "ner", "quotes", "parse"] {
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
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("models.rs"), code).expect("OUT_DIR is writable");
    embed_actor_files(Path::new(&out_dir));
}

/// Every `data/actors/*.toml`, in name order, as `(file name, contents)`.
fn embed_actor_files(out_dir: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/actors");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from(
        "/// The actor dictionary files of `data/actors/`.\npub static ACTOR_FILES: &[(&str, &str)] = &[\n",
    );
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let full = path.canonicalize().expect("listed files exist");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            full.display().to_string()
        )
        .ok();
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("actors.rs"), code).expect("OUT_DIR is writable");
}
