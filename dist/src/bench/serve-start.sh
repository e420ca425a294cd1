#!/bin/sh
# How long `serve` takes from exec to a ready /health, and its RSS once idle.
#   dist/src/bench/serve-start.sh RUNS -- COMMAND...      (COMMAND starts serve in the foreground)
# e.g. dist/src/bench/serve-start.sh 5 -- java -Xmx256m -XX:+UseSerialGC -jar api/target/healguard.jar serve
# Each run gets a free loopback port and a fresh data dir (a first start: no cached verdict) unless
# KEEP_DATA=1, when every run after the first reuses the first run's data dir (a restart), or
# DATA=DIR, when every run uses DIR.
# HEALGUARD_POLICY_TABLES_DIR defaults to ./decision-tables. Prints per run: ms to ready, RSS
# (VmRSS from /proc) 5 s after ready, the CPU time it took to get ready, and the serve log's phase lines. Numbers: docs/benchmarks-startup.md.
set -eu
runs=$1; shift
[ "${1:-}" = "--" ] && shift
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
: "${HEALGUARD_POLICY_TABLES_DIR:=$PWD/decision-tables}"
export HEALGUARD_POLICY_TABLES_DIR
n=0
while [ "$n" -lt "$runs" ]; do
  n=$((n + 1))
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  data=$work/data$n
  [ "${KEEP_DATA:-0}" = 1 ] && data=$work/data1
  [ -n "${DATA:-}" ] && data=$DATA
  start=$(date +%s%N)
  HEALGUARD_HTTP_PORT=$port HEALGUARD_DATA_DIR=$data HEALGUARD_POLICY_WATCH_INTERVAL=0 \
    "$@" >"$work/serve$n.log" 2>&1 &
  pid=$!
  i=0
  # polled: serve is another process; 30 s deadline
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -le 3000 ] || { cat "$work/serve$n.log"; exit 1; }; sleep 0.01
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  # CPU the JVM spent to get there (user + system, all threads): less at the mercy of a busy machine
  cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$pid/stat" 2>/dev/null || echo "?")
  sleep 5 # idle: let start-up garbage and JIT settle before reading RSS
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "?")
  # the JVM is a child when COMMAND is a launcher script that execs: same pid
  echo "run $n: ready ${ready} ms, CPU ${cpu} ms, idle RSS $((rss / 1024)) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  [ -n "${PHASES:-}" ] && grep -E "$PHASES" "$work/serve$n.log" | cut -c1-400
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
