#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers and of the text-query path, with
# AFL++ through `cargo afl` on the stable toolchain. Not part of CI.
#
#   scripts/fuzz.sh [TARGET] [EXECUTIONS]
#
# TARGET is one of text, jsonl, json, html, date, query, or all (the default),
# which runs them one after another; EXECUTIONS is per target (default
# 1,000,000). Each run uses one core. The targets are in fuzz/ (a package of
# its own, outside the workspace), their seeds in fuzz/corpus/TARGET and
# dictionaries in fuzz/dict; findings go to fuzz/out/TARGET/default/crashes
# and .../hangs, and a finding replays with `fuzz/target/release/TARGET < FILE`.
# The last line for each target is what it did: executions, time, speed,
# crashes, hangs, corpus and coverage.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

all=(text jsonl json html date query)
target=${1:-all}
executions=${2:-1000000}
if [ "$target" = all ]; then
    targets=("${all[@]}")
elif [[ " ${all[*]} " == *" $target "* ]]; then
    targets=("$target")
else
    echo "unknown target $target (expected one of: ${all[*]} all)" >&2
    exit 2
fi
if ! [[ "$executions" =~ ^[1-9][0-9]*$ ]]; then
    echo "EXECUTIONS must be a positive number, not $executions" >&2
    exit 2
fi

# cargo-afl from crates.io; it builds AFL++ from the sources it carries.
if ! cargo afl --version >/dev/null 2>&1; then
    cargo install --locked cargo-afl
fi
if ! cargo afl config --build >/dev/null 2>&1; then
    # Fails when AFL++ is already built for this toolchain, which is fine;
    # anything else shows when afl-fuzz runs.
    true
fi
cargo afl build --release --bins

# No core dumps to wait for, no CPU frequency or affinity to set: the machine
# is shared, and a crash is seen by its signal alone.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# A crash prints its panic message alone: a backtrace per crash slows fuzzing.
export RUST_BACKTRACE=0
[ -t 1 ] || export AFL_NO_UI=1

dictionary() {
    case $1 in
        text | date) echo dict/date.dict ;;
        jsonl | json) echo dict/json.dict ;;
        *) echo "dict/$1.dict" ;;
    esac
}

summary() {
    local stats=$1/default/fuzzer_stats
    awk -F' *: *' -v name="$2" '
        { v[$1] = $2 }
        END {
            printf "%s: %s executions in %s s (%s/s), %s crashes, %s hangs, corpus %s, edges %s of %s (%s)\n",
                name, v["execs_done"], v["run_time"], v["execs_per_sec"], v["saved_crashes"],
                v["saved_hangs"], v["corpus_count"], v["edges_found"], v["total_edges"], v["bitmap_cvg"]
        }' "$stats"
}

mkdir -p out
status=0
for t in "${targets[@]}"; do
    out=out/$t
    # Keep an earlier run's findings: start afresh beside them.
    [ -d "$out" ] && mv "$out" "$out.$(date +%Y%m%d-%H%M%S)"
    echo "== $t: $executions executions"
    cargo afl fuzz -i "corpus/$t" -o "$out" -x "$(dictionary "$t")" -E "$executions" -t 2000 \
        -- "target/release/$t" >"out/$t.log" 2>&1 || { tail -20 "out/$t.log" >&2; status=1; continue; }
    summary "$out" "$t"
    found=$(find "$out/default/crashes" "$out/default/hangs" -type f ! -name README.txt | wc -l)
    [ "$found" -eq 0 ] || { echo "   findings in $out/default/crashes and hangs"; status=1; }
done
exit $status
