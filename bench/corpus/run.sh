#!/usr/bin/env bash
# Builds the corpus of real manuscripts with the bindery at /work/main's HEAD and reports what
# it refuses, warns about and loses (see README.md here). Arguments go to the Go runner:
#   bench/corpus/run.sh [-publish] [-main DIR] [-work DIR] [book…]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/corpus "$@"
