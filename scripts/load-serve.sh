#!/usr/bin/env bash
# Load test of `attest serve` (not part of CI): ingest the PolNeAR training
# articles into a fresh store, serve it on loopback, and drive two endpoints
# with wrk at 100 connections: one article's full analysis
# (/api/articles/{id}, ids drawn at random) and an actor's events
# (/api/events?actor=ID, over the 20 most present actors). Prints wrk's
# latency distribution and a summary line per endpoint (p50, p99, requests/s).
#
#   scripts/load-serve.sh [CORPUS_DIR] [SECONDS]
#
# Traffic goes to 127.0.0.1 only, for a bounded time; the server is stopped
# on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/polnear/train/text}
seconds=${2:-20}
port=${ATTEST_LOAD_PORT:-18080}
connections=100

if ! command -v wrk >/dev/null; then
    apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --locked -p attest-cli
attest=target/release/attest

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== ingest $corpus"
"$attest" ingest "$corpus" --db "$work/load.db"
"$attest" stats --db "$work/load.db"

echo "== serve on 127.0.0.1:$port"
"$attest" serve --db "$work/load.db" --addr "127.0.0.1:$port" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
    curl -sf "$base/api/stats" >/dev/null && break
    sleep 0.1
done

# Lua scripts that pick a path at random from a list, so that the store is
# not asked the same row over and over.
paths_script() { # NAME PREFIX: reads one suffix a line on stdin
    {
        echo "local paths = {"
        while read -r suffix; do printf '  "%s%s",\n' "$2" "$suffix"; done
        echo "}"
        echo 'request = function() return wrk.format("GET", paths[math.random(#paths)]) end'
    } > "$work/$1.lua"
}
curl -sf "$base/api/articles?limit=200" \
    | python3 -c 'import json, sys, urllib.parse; [print(urllib.parse.quote(a["id"], safe="")) for a in json.load(sys.stdin)["items"]]' \
    | paths_script articles /api/articles/
curl -sf "$base/api/actors?limit=20" \
    | python3 -c 'import json, sys; [print(a["id"]) for a in json.load(sys.stdin)["items"]]' \
    | paths_script events "/api/events?actor="

run() { # NAME
    echo "== wrk: $1, $connections connections, ${seconds}s"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/$1.lua" "$base" | tee "$work/$1.out"
}
run articles
run events

echo "== summary"
for name in articles events; do
    awk -v name="$name" '
        $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } $1 == "Requests/sec:" { rps = $2 }
        / Non-2xx or 3xx responses:/ { bad = $NF }
        END { printf "%-9s p50 %s  p99 %s  requests/s %s  non-2xx %s\n", name, p50, p99, rps, (bad == "" ? 0 : bad) }
    ' "$work/$name.out"
done
