#!/usr/bin/env bash
# The service benchmark: POST /api/v1/reports against GET /api/v1/ping on one server, with wrk
# in its own process over loopback (apt-get install wrk). Run from the repository root after
# ./mvnw -q -DskipTests package. Prints one line per phase and the report/ping ratio per round.
#
#   api/src/test/resources/bench/wrk-reports.sh [rounds] [seconds per phase] [connections]
#
# The server runs the bundled tables from a copy, on a fresh data dir, store.sync full (every
# answered decision that changed state is on disk first). Phases alternate ping, reports (so a
# burst of CPU steal on this shared guest hits both alike), after a 45 s warm-up. The last phase
# is reports again while the tables are switched between the bundled and the demo thresholds and
# POST /api/v1/policy/reload runs every 2 s: each reload activates a new version under load.
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_PHASE=${2:-20}
CONNECTIONS=${3:-64}
PORT=${HEALGUARD_BENCH_PORT:-18181}
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

phase() { # name script seconds -> "name req/s p50 p99 errors"
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$3"s -s "$BENCH/$2.lua" "$URL")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '/^p50/ {print $2}')
  p99=$(echo "$out" | awk '/^p50/ {print $8}')
  errors=$(echo "$out" | awk -F'[ ,]+' '/^requests/ {print $5+$7+$9+$11+$13}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '%-28s %10.0f req/s   p50 %6s ms   p99 %6s ms   errors %s   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "$errors" "${non2xx:-0}" >&2
  echo "$rps"
}

echo "healguard wrk benchmark: $CONNECTIONS connections, ${SECONDS_PER_PHASE} s per phase, $(nproc) cores, store.sync full" >&2
wrk -t2 -c"$CONNECTIONS" -d45s -s "$BENCH/reports.lua" "$URL" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d10s -s "$BENCH/ping.lua" "$URL" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  ping=$(phase "round $r GET /api/v1/ping" ping "$SECONDS_PER_PHASE")
  reports=$(phase "round $r POST /api/v1/reports" reports "$SECONDS_PER_PHASE")
  echo "round $r report/ping ratio: $(awk -v a="$reports" -v b="$ping" 'BEGIN {printf "%.2f", a / b}')" >&2
done

( # reloads under load: alternate the thresholds so that every reload activates a new version
  for i in $(seq 1 $(( SECONDS_PER_PHASE / 2 - 1 ))); do
    sleep 2
    if (( i % 2 )); then cp docs/demo/tables/thresholds.xlsx "$WORK/tables/"; else cp decision-tables/thresholds.xlsx "$WORK/tables/"; fi
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $HEALGUARD_TOKEN" "$URL/api/v1/policy/reload"
  done >"$WORK/reloads"
) &
RELOADER=$!
phase "POST /api/v1/reports+reloads" reports "$SECONDS_PER_PHASE" >/dev/null
wait $RELOADER
echo "reloads during the last phase: $(wc -l <"$WORK/reloads"), answered $(sort "$WORK/reloads" | uniq -c | tr -s ' \n' ' ')" >&2
echo "policy versions activated under load: $(grep -c ' activated (was ' "$WORK/server.log")" >&2
