#!/usr/bin/env bash
# Whether a change keeps `attest extract` output byte-identical: runs the
# attest of BASE (a git revision, default HEAD) and the working tree's on the
# same articles (the seed article, samples/, the PolNeAR dev texts and the
# Wikinews articles from ../shared) and lists every document whose output
# differs. Exits 0 when none does, 1 otherwise.
#
#   scripts/same-output.sh [BASE]
#   BASE_BIN=path/to/attest scripts/same-output.sh   # an attest already built
#
# BASE is built in a temporary worktree whose build is removed afterwards
# (the disk is small); set BASE_BIN to reuse a binary instead.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=${ATTEST_SHARED:-$root/../shared}
base=${1:-HEAD}

inputs=(samples "$shared/fixtures/seed/article.txt" "$shared/corpora/polnear/dev/text"
    "$shared/corpora/wikinews/articles.jsonl")
for input in "${inputs[@]}"; do
    [ -e "$input" ] || { echo "missing $input (set ATTEST_SHARED)" >&2; exit 2; }
done

work=$(mktemp -d)
cleanup() {
    if [ -d "$work/base" ]; then git worktree remove --force "$work/base" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${BASE_BIN:-}" ]; then
    echo "== building $base"
    git worktree add --detach "$work/base" "$base" >/dev/null
    cargo build --release --locked -p attest-cli --manifest-path "$work/base/Cargo.toml" \
        --target-dir "$work/target" -q
    BASE_BIN=$work/target/release/attest
fi
echo "== building the working tree"
cargo build --release --locked -p attest-cli -q
new_bin=$root/target/release/attest

extract() {
    "$1" extract "${inputs[@]}" >"$2" 2>"$2.log" || { echo "$1 failed: see $2.log" >&2; exit 2; }
}
extract "$BASE_BIN" "$work/base.jsonl"
extract "$new_bin" "$work/new.jsonl"

python3 - "$work/base.jsonl" "$work/new.jsonl" <<'EOF'
import json, sys

def by_id(path):
    with open(path, encoding="utf-8") as f:
        return {json.loads(line)["document"]["id"]: line for line in f}

base, new = by_id(sys.argv[1]), by_id(sys.argv[2])
differ = sorted(i for i in base.keys() | new.keys() if base.get(i) != new.get(i))
print(f"{len(base)} documents before, {len(new)} after, {len(differ)} differ")
for i in differ:
    print(f"  {i}")
sys.exit(1 if differ else 0)
EOF
