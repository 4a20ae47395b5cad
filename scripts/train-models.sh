#!/usr/bin/env bash
# Rebuild the word clusters and the five models shipped in data/, from
# the shared corpora (../shared/corpora, or $ATTEST_SHARED/corpora). The
# committed files are the output of exactly this script; training is
# deterministic for a given seed, so a rerun reproduces them byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
C="${ATTEST_SHARED:-../shared}/corpora"
cargo build --release --quiet
attest=target/release/attest

$attest train clusters \
  --text "$C/polnear/train/text" \
  --conllu "$C/ud/en_ewt/en_ewt-ud-train.conllu" "$C/ud/en_gum/en_gum-ud-train.conllu" \
  --conll "$C/conll2003/eng.train" "$C/conll2000/train.txt" \
  --out data/clusters.tsv

$attest train pos \
  --train "$C/ud/en_ewt/en_ewt-ud-train.conllu" "$C/ud/en_gum/en_gum-ud-train.conllu" \
  --dev "$C/ud/en_ewt/en_ewt-ud-dev.conllu" \
  --clusters data/clusters.tsv --out data/models/pos.bin

$attest train chunk \
  --train "$C/conll2000/train-90.txt" --dev "$C/conll2000/dev-10.txt" \
  --clusters data/clusters.tsv --out data/models/chunk.bin

$attest train ner \
  --train "$C/conll2003/eng.train" --dev "$C/conll2003/eng.testa" \
  --clusters data/clusters.tsv --pos-model data/models/pos.bin --out data/models/ner.bin --epochs 20

$attest train parse \
  --train "$C/ud/en_ewt/en_ewt-ud-train.conllu" "$C/ud/en_gum/en_gum-ud-train.conllu" \
  --dev "$C/ud/en_ewt/en_ewt-ud-dev.conllu" \
  --clusters data/clusters.tsv --pos-model data/models/pos.bin --out data/models/parse.bin \
  --epochs 15 --min-count 3

# The attribution tagger reads the tags of the models above: rebuild first so
# its training sees them.
cargo build --release --quiet
$attest train quotes --train "$C/polnear/train" \
  --clusters data/clusters.tsv --out data/models/quotes.bin --epochs 15

# The binary embeds the models: rebuild it so it carries the new ones.
cargo build --release --quiet
