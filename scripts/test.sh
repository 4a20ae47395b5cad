#!/usr/bin/env bash
# The whole test suite: the Rust workspace (with the Parquet export built in),
# then the Python package (built into target/python-env and run with pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked --features attest-cli/parquet
scripts/test-python.sh
