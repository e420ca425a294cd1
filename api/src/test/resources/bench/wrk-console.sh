#!/usr/bin/env bash
# The console's cost to the service: POST /api/v1/reports against GET /api/v1/ping on one server
# (as wrk-reports.sh), first with no page open, then with ten console pages on live updates
# (console-pages.lua: ten wrk threads, each a page polling GET /api/v1/changes every 500 ms with
# its own cursor). Run from the repository root after ./mvnw -q -DskipTests package.
#
#   api/src/test/resources/bench/wrk-console.sh [rounds] [seconds per phase] [connections] [pages]
set -euo pipefail
ROUNDS=${1:-2}
SECONDS_PER_PHASE=${2:-15}
CONNECTIONS=${3:-64}
PAGES=${4:-10}
PORT=${BENCH_PORT:-18182}
BENCH=api/src/test/resources/bench
URL=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -f api/target/healguard.jar ] || { echo "api/target/healguard.jar missing: ./mvnw -q -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
cp -r decision-tables "$WORK/tables"
java -Dhealguard.data.dir="$WORK/data" -Dhealguard.http.port="$PORT" -Dhealguard.policy.tables-dir="$WORK/tables" \
  -Dhealguard.policy.watch-interval=0 -jar api/target/healguard.jar serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "$URL/health" >/dev/null && break; sleep 1; done
curl -sf "$URL/health" >/dev/null || { echo "server did not start:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
export HEALGUARD_TOKEN
HEALGUARD_TOKEN=$(cat "$WORK/data/admin.token")

phase() { # name script seconds -> a line to stderr, req/s to stdout
  local out rps p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$3"s -s "$BENCH/$2.lua" "$URL")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '/^p50/ {print $8}')
  printf '%-44s %10.0f req/s   p99 %6s ms\n' "$1" "$rps" "$p99" >&2
  echo "$rps"
}

echo "healguard console benchmark: $CONNECTIONS connections, ${SECONDS_PER_PHASE} s per phase, $PAGES pages, $(nproc) cores" >&2
wrk -t2 -c"$CONNECTIONS" -d45s -s "$BENCH/reports.lua" "$URL" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d10s -s "$BENCH/ping.lua" "$URL" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  ping=$(phase "round $r no page: GET /api/v1/ping" ping "$SECONDS_PER_PHASE")
  reports=$(phase "round $r no page: POST /api/v1/reports" reports "$SECONDS_PER_PHASE")
  echo "round $r no page: report/ping $(awk -v a="$reports" -v b="$ping" 'BEGIN {printf "%.2f", a / b}')" >&2
  wrk -t"$PAGES" -c"$PAGES" -d$(( 2 * SECONDS_PER_PHASE + 2 ))s --timeout 10s -s "$BENCH/console-pages.lua" "$URL" \
    | grep '^pages:' | sed "s/^/round $r $PAGES /" >&2 &
  PAGER=$!
  sleep 1
  ping=$(phase "round $r $PAGES pages: GET /api/v1/ping" ping "$SECONDS_PER_PHASE")
  reports=$(phase "round $r $PAGES pages: POST /api/v1/reports" reports "$SECONDS_PER_PHASE")
  echo "round $r $PAGES pages: report/ping $(awk -v a="$reports" -v b="$ping" 'BEGIN {printf "%.2f", a / b}')" >&2
  wait $PAGER
done
