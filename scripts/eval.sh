#!/usr/bin/env bash
# Scores the extractor on the three dev suites (news, plover, petr2_gsr) and prints one table.
# usage: scripts/eval.sh [BIN] [--verbose]
#   BIN defaults to target/release/geokg; it must accept `BIN extract --format jsonl FILE`
#   (the dev binary target/release/examples/extract does too). --verbose also writes
#   <suite>.errors.txt (misses and false positives) in the current directory.
# The suites and the scorer live outside the repository, in ../shared/eval (read only here).
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$ROOT/target/release/geokg}"
[ $# -gt 0 ] && shift
EVAL="${GEOKG_EVAL_DIR:-$ROOT/../shared/eval}"
[ -x "$BIN" ] || { echo "eval.sh: no executable $BIN (build it first: cargo build --release)" >&2; exit 2; }
[ -f "$EVAL/run.sh" ] || { echo "eval.sh: scorer not found in $EVAL (set GEOKG_EVAL_DIR)" >&2; exit 2; }
exec bash "$EVAL/run.sh" "$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" "$@"
