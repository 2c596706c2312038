#!/usr/bin/env bash
# Whole-process benchmark: ./bench/run.sh [--devices 1000] [--seconds 60] [--cores 0] [--boxes 1000] [--only modbus|oig]
# (bench/run.sh --help lists every parameter). Builds the jar when stale, then runs the shipped
# gateway against simulators and Python peers in other processes and prints a results table.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/gridwire" version >/dev/null   # the launcher builds the jar first when sources changed
exec /usr/bin/python3 "$ROOT/bench/whole.py" "$@"
