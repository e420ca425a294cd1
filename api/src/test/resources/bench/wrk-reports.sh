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
PORT=${BENCH_PORT:-18181}
BENCH=api/src/test/resources/bench
URL=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -f api/target/healguard.jar ] || { echo "api/target/healguard.jar missing: ./mvnw -q -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
cp -r decision-tables "$WORK/tables"
# BENCH_JAVA_OPTS: extra JVM options, e.g. -Dhealguard.store.sync=normal to compare
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -Dhealguard.data.dir="$WORK/data" -Dhealguard.http.port="$PORT" -Dhealguard.policy.tables-dir="$WORK/tables" \
  -Dhealguard.policy.watch-interval=0 -jar api/target/healguard.jar serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "$URL/health" >/dev/null && break; sleep 1; done
curl -sf "$URL/health" >/dev/null || { echo "server did not start:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
export HEALGUARD_TOKEN
HEALGUARD_TOKEN=$(cat "$WORK/data/admin.token")

TICKS=$(getconf CLK_TCK)
cpu_ticks() { # utime + stime of a process or thread, in clock ticks
  awk '{print $14 + $15}' "$1"
}
writer_stat() { # the SQLite writer thread of the server
  for t in /proc/$SERVER/task/*; do
    [ "$(cat "$t/comm")" = healguard-store ] && { echo "$t/stat"; return; }
  done
  echo /dev/null
}

phase() { # name script seconds -> prints a line to stderr, req/s to stdout
  local writer out
  writer=$(writer_stat)
  local cpu0 wcpu0 cpu1 wcpu1
  cpu0=$(cpu_ticks /proc/$SERVER/stat); wcpu0=$(cpu_ticks "$writer" 2>/dev/null || echo 0)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$3"s -s "$BENCH/$2.lua" "$URL")
  cpu1=$(cpu_ticks /proc/$SERVER/stat); wcpu1=$(cpu_ticks "$writer" 2>/dev/null || echo 0)
  local rps p50 p99 errors non2xx n
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '/^p50/ {print $2}')
  p99=$(echo "$out" | awk '/^p50/ {print $8}')
  errors=$(echo "$out" | awk -F'[ ,]+' '/^requests/ {print $5+$7+$9+$11+$13}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  # server CPU per request (all threads, then the SQLite writer alone), from /proc
  printf '%-28s %10.0f req/s   p50 %6s ms   p99 %6s ms   errors %s   non-2xx %s   cpu %s µs/req (writer %s)\n' \
    "$1" "$rps" "$p50" "$p99" "$errors" "${non2xx:-0}" \
    "$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" -v t="$TICKS" 'BEGIN {printf "%.1f", (b - a) * 1e6 / t / n}')" \
    "$(awk -v a="${wcpu0:-0}" -v b="${wcpu1:-0}" -v n="$n" -v t="$TICKS" 'BEGIN {printf "%.1f", (b - a) * 1e6 / t / n}')" >&2
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
