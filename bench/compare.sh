#!/usr/bin/env bash
# Side-by-side benchmark of two commits on the same machine in the same run:
#   bash bench/compare.sh <before-ref> [<after-ref>, default HEAD] [rounds, default 3]
# Builds each commit in its own worktree (npm ci, next build), seeds one database per commit once, then
# alternates `npm run bench` rounds (before, after, after, before, ...) so that both see the same load,
# and prints each endpoint's median over the rounds side by side (bench/compare-report.ts).
# Environment as for `npm run bench` (BENCH_DATABASE_URL, BENCH_PORT, ...).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
before=$(git -C "$root" rev-parse --short "${1:?usage: bench/compare.sh <before-ref> [<after-ref>] [rounds]}")
after=$(git -C "$root" rev-parse --short "${2:-HEAD}")
rounds=${3:-3}
work=${BENCH_COMPARE_DIR:-$(mktemp -d /tmp/stint-compare.XXXXXX)}
mkdir -p "$work"
server=${BENCH_DATABASE_URL:-postgres://stint:stint@127.0.0.1:5432/postgres}

prepare() { # <sha>: a worktree with dependencies and a build
  local dir="$work/$1"
  if [ ! -d "$dir" ]; then git -C "$root" worktree add -q --detach "$dir" "$1"; fi
  if [ ! -d "$dir/node_modules" ]; then (cd "$dir" && npm ci --prefer-offline --no-audit --no-fund >"$work/$1-npm.log" 2>&1); fi
  if [ ! -f "$dir/.next/BUILD_ID" ]; then (cd "$dir" && npx next build >"$work/$1-build.log" 2>&1); fi
}

for sha in "$before" "$after"; do echo "Preparing $sha in $work/$sha"; prepare "$sha"; done

for sha in "$before" "$after"; do : >"$work/$sha.results"; done
for r in $(seq 1 "$rounds"); do
  # ABBA: the order flips every round (the second of a pair runs in a warmer, busier minute).
  order=("$before" "$after"); if [ $((r % 2)) -eq 0 ]; then order=("$after" "$before"); fi
  for sha in "${order[@]}"; do
    # Seed each commit's database once (its own schema), then reuse it (also from an interrupted run).
    flags=(--skip-rate-limit-run --keep-db)
    if [ "$(psql "$server" -tAc "select 1 from pg_database where datname = 'stint_compare_$sha'")" = 1 ]; then
      flags=(--skip-rate-limit-run --reuse-db)
    fi
    echo "Round $r/$rounds: $sha (load $(cut -d' ' -f1-3 /proc/loadavg))"
    (cd "$work/$sha" && BENCH_DB_NAME="stint_compare_$sha" BENCH_ROUNDS=1 npm run -s bench -- "${flags[@]}" >"$work/$sha-round$r.log" 2>&1) ||
      { echo "The bench of $sha failed: $work/$sha-round$r.log"; exit 1; }
    grep -o 'Written to .*' "$work/$sha-round$r.log" | tail -n 1 | sed "s#Written to #$work/$sha/#" >>"$work/$sha.results"
  done
done

node --import tsx "$root/bench/compare-report.ts" "$before" "$work/$before.results" "$after" "$work/$after.results"
for sha in "$before" "$after"; do
  psql "$server" -qc "drop database if exists stint_compare_$sha" >/dev/null 2>&1 || true
done
echo "Worktrees and logs: $work (remove with: git worktree remove --force $work/<sha>)"
