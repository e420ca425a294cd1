#!/bin/sh
# How long one `healguard report` takes, beside the JVM's own floor, in the same run.
#   dist/src/bench/report-start.sh INSTALL_DIR [RUNS]
# Starts `INSTALL_DIR/bin/healguard serve` on a free loopback port with a throw-away data dir,
# then times RUNS runs each of: java -version with report's JVM flags (the floor), healguard
# --version (JVM + jar + picocli), and healguard report (all of the above + one POST decided).
# Prints the mean wall time per run in milliseconds. Numbers: docs/install.md.
set -eu
home=$(cd -P -- "$1" && pwd -P)
runs=${2:-20}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HEALGUARD_HTTP_PORT=$port HEALGUARD_DATA_DIR=$work/data HEALGUARD_POLICY_TABLES_DIR=$home/decision-tables \
  "$home/bin/healguard" serve >"$work/serve.log" 2>&1 &
pid=$!
i=0
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
  i=$((i + 1)); [ "$i" -le 120 ] || { cat "$work/serve.log"; exit 1; }; sleep 1
done

mean() { # label, command...
  label=$1; shift
  start=$(date +%s%N)
  n=0
  while [ "$n" -lt "$runs" ]; do "$@" >/dev/null 2>&1 || true; n=$((n + 1)); done
  echo "$label: $(( ($(date +%s%N) - start) / runs / 1000000 )) ms"
}
export HEALGUARD_URL=http://127.0.0.1:$port HEALGUARD_TOKEN_FILE=$work/data/admin.token
mean "java -version (report's JVM flags)" java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version
mean "healguard --version" "$home/bin/healguard" --version
mean "healguard report (decided)" "$home/bin/healguard" report --unit bench.service --status UP
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
