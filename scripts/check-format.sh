#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format) makes of it.
# make test runs it before building; `make format` rewrites the files in place.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src -name '*.[ch]pp')
[ ${#files[@]} -eq 0 ] && { echo "check-format: no C++ files found" >&2; exit 1; }
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "check-format: the files above are not formatted; run: make format" >&2
  exit 1
fi
