//! The layers of the core, checked on its source: the records at the bottom,
//! shared libraries above them, the stages above those, and the assembly
//! (pipeline, contract, tables, training drivers) at the top. A module may
//! import its own layer's libraries and anything below; a stage never imports
//! another stage; nothing imports upwards. Tests inside a module (after
//! `#[cfg(test)]`, or in a `tests.rs`) may run earlier stages and are not
//! counted. ARCHITECTURE.md draws the same picture.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module of `crates/attest/src`, lowest first.
const LAYERS: &[(&str, Layer)] = &[
    ("model", Layer::Bottom),
    ("corpus", Layer::Library),
    ("data", Layer::Library),
    ("learn", Layer::Library),
    ("lexicon", Layer::Library),
    ("read", Layer::Library),
    ("segment", Layer::Stage),
    ("tag", Layer::Stage),
    ("parse", Layer::Stage),
    ("entities", Layer::Stage),
    ("time", Layer::Stage),
    ("quotes", Layer::Stage),
    ("claims", Layer::Stage),
    ("events", Layer::Stage),
    ("contract", Layer::Top),
    ("pipeline", Layer::Top),
    ("tables", Layer::Top),
    ("train", Layer::Top),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Bottom,
    Library,
    Stage,
    Top,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source directory reads") {
        let path = entry.expect("a directory entry reads").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to ("" for lib.rs).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).expect("under src");
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    match first.as_str() {
        "lib.rs" => String::new(),
        other => other.trim_end_matches(".rs").to_owned(),
    }
}

/// The source a module's layering is judged on: comments and tests left out.
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).expect("a source file reads");
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::`.
fn imported_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    found.insert(first_segment(&item));
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else {
            found.insert(first_segment(rest));
        }
    }
    found.remove("");
    found
}

fn first_segment(path: &str) -> String {
    path.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every top-level module and the modules it imports.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_of(&file);
        let imports = graph.entry(module.clone()).or_default();
        imports.extend(
            imported_modules(&code_of(&file))
                .into_iter()
                .filter(|m| *m != module),
        );
    }
    graph
}

fn layer_of(module: &str) -> Option<Layer> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn every_module_of_the_core_has_a_layer() {
    let unplaced: Vec<String> = module_graph()
        .into_keys()
        .filter(|m| !m.is_empty() && layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules with no layer in tests/layers.rs: {unplaced:?}"
    );
}

#[test]
fn no_module_imports_a_stage_beside_it_or_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (module, imports) in module_graph() {
        let Some(layer) = layer_of(&module) else {
            continue;
        };
        for import in imports {
            // A root re-export (`crate::Document`) is not a module.
            let Some(imported) = layer_of(&import) else {
                continue;
            };
            let allowed = match layer {
                Layer::Bottom => false,
                Layer::Library => imported <= Layer::Library,
                Layer::Stage => imported < Layer::Stage,
                Layer::Top => true,
            };
            if !allowed {
                wrong.push(format!(
                    "{module} ({layer:?}) imports {import} ({imported:?})"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_modules_of_the_core_import_each_other_without_a_cycle() {
    let graph = module_graph();
    // Depth-first search for a back edge.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_owned());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if graph.contains_key(next)
                && let Some(cycle) = visit(next, graph, path, done)
            {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys().filter(|m| !m.is_empty()) {
        let cycle = visit(module, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap_or_default().join(" -> ")
        );
    }
}

#[test]
fn the_check_sees_grouped_and_inline_imports() {
    let code = "use crate::model::Span;\nuse crate::{lexicon::cues, learn::{hash, view}};\nlet x = crate::quotes::Quotes::load();";
    let found: Vec<String> = imported_modules(code).into_iter().collect();
    assert_eq!(found, ["learn", "lexicon", "model", "quotes"]);
}
