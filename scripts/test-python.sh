#!/usr/bin/env bash
# The Python package's tests: build the extension into a virtual environment
# (target/python-env), then run pytest over bindings/python/tests. Also builds
# the release CLI, which the parity tests compare with.
set -euo pipefail
cd "$(dirname "$0")/.."
env_dir=target/python-env
if [ ! -x "$env_dir/bin/python" ]; then
    python3 -m venv "$env_dir"
fi
"$env_dir/bin/pip" install --quiet --disable-pip-version-check maturin pytest pandas pyarrow pyspark
cargo build --release --locked --bin attest
(cd bindings/python && VIRTUAL_ENV="$PWD/../../$env_dir" "../../$env_dir/bin/maturin" develop --release --locked --quiet)
"$env_dir/bin/python" -m pytest -q bindings/python/tests "$@"
