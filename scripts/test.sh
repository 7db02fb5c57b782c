#!/usr/bin/env bash
# npm test: every test file, on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set
# (TEST_REDIS_URL adds the Redis-backed scale-out checks). Node 20 does not expand globs itself.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find test -name '*.test.ts' -not -path '*/support/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
exec node --import tsx --test --test-reporter=spec --test-concurrency=1 "${files[@]}"
