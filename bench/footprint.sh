#!/usr/bin/env bash
# Small-site footprint: RSS of `gridwire run` with a typical site (docs/performance.md, "Small site
# footprint"): 2 HGM9520N gensets (Modbus simulators), 1 OIG box (box simulator through the proxy
# to a cloud stand-in), 3 MQTT devices (the simulated site: 2 dataloggers and a gateway), Home
# Assistant publishing on (embedded broker), SQLite history, dashboard/API up.
#
#   bench/footprint.sh [SECONDS] [-- extra args for ./gridwire run]
# Environment: GRIDWIRE_HEAP / GRIDWIRE_JAVA_OPTS as for ./gridwire (passed through).
# Prints the gateway's RSS every 10 s, then peak and final RSS and the JVM's native memory summary.
# Simulators run as their own small JVMs (not measured); everything listens on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-120}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR="$ROOT/gridwire-app/target/gridwire.jar"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SIM=("$JAVA" -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" simulate)
GEN1=$(free_port); GEN2=$(free_port); CLOUD=$(free_port); OIG=$(free_port); MQTT=$(free_port); HTTP=$(free_port)

"${SIM[@]}" modbus --profile=smartgen-hgm9520n --host=127.0.0.1 --port="$GEN1" --log-level=warn </dev/null >"$WORK/gen1.log" 2>&1 & PIDS+=($!)
"${SIM[@]}" modbus --profile=smartgen-hgm9520n --host=127.0.0.1 --port="$GEN2" --log-level=warn </dev/null >"$WORK/gen2.log" 2>&1 & PIDS+=($!)
"${SIM[@]}" oig-cloud --port="$CLOUD" --log-level=warn </dev/null >"$WORK/cloud.log" 2>&1 & PIDS+=($!)

cat >"$WORK/site.yaml" <<YAML
node:
  data_dir: $WORK/data
http:
  host: 127.0.0.1
  port: $HTTP
modbus:
  devices:
    - {id: gen-1, name: Genset 1, profile: smartgen-hgm9520n, host: 127.0.0.1, port: $GEN1}
    - {id: gen-2, name: Genset 2, profile: smartgen-hgm9520n, host: 127.0.0.1, port: $GEN2}
oig:
  enabled: true
  listen_host: 127.0.0.1
  listen_port: $OIG
  cloud_host: 127.0.0.1
  cloud_port: $CLOUD
mqtt:
  enabled: true
  embedded_port: $MQTT
YAML

GRIDWIRE_NO_BUILD=1 "$ROOT/gridwire" run --config "$WORK/site.yaml" "${@:2}" >"$WORK/gateway.log" 2>&1 &
GW=$!; PIDS+=($GW)
for _ in $(seq 1 120); do grep -q "Gridwire is running" "$WORK/gateway.log" && break; sleep 1; done
grep -q "Gridwire is running" "$WORK/gateway.log" || { echo "gateway did not start:"; tail -30 "$WORK/gateway.log"; exit 1; }
JPID=$(pgrep -P "$GW" java || echo "$GW")   # the launcher execs java, so usually the same pid
"${SIM[@]}" oig-box --target="127.0.0.1:$OIG" --device-id=2206237016 --log-level=warn </dev/null >"$WORK/box.log" 2>&1 & PIDS+=($!)
"${SIM[@]}" mqtt-site --broker="mqtt://127.0.0.1:$MQTT" --credentials="$WORK/data/mqtt-broker.credentials" \
  --log-level=warn </dev/null >"$WORK/site.log" 2>&1 & PIDS+=($!)

rss() { awk '/^VmRSS:/ {print int($2/1024)}' "/proc/$JPID/status"; }
peak=0
for ((t = 10; t <= SECONDS_TO_RUN; t += 10)); do
  sleep 10
  r=$(rss); ((r > peak)) && peak=$r
  echo "t=${t}s rss=${r}MB"
done
echo "health: $(curl -s "http://127.0.0.1:$HTTP/health" | head -c 200)"
curl -s "http://127.0.0.1:$HTTP/" | grep -qi "<html" && echo "dashboard: served" || echo "dashboard: NOT SERVED"
chart="$(curl -s "http://127.0.0.1:$HTTP/" | grep -o 'webjars/[^"]*\.js' | head -1)"
[[ -n "$chart" ]] && curl -sf -o /dev/null "http://127.0.0.1:$HTTP/$chart" && echo "chart library: served ($chart)" || echo "chart library: NOT SERVED"
echo "peak_rss=${peak}MB final_rss=$(rss)MB threads=$(ls /proc/$JPID/task | wc -l)"
echo "jvm flags: $(tr '\0' ' ' </proc/$JPID/cmdline | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
if [[ -n "${FOOTPRINT_HEAP_INFO:-}" ]]; then
  "${JAVA%/java}/jcmd" "$JPID" GC.run >/dev/null; "${JAVA%/java}/jcmd" "$JPID" GC.heap_info | sed -n 2,6p
  "${JAVA%/java}/jcmd" "$JPID" GC.class_histogram | sed -n 1,25p
  "${JAVA%/java}/jcmd" "$JPID" VM.metaspace | grep -E "^ *(Non-class|Class) space|Both:|classes" | head -5
  "${JAVA%/java}/jcmd" "$JPID" VM.class_hierarchy 2>/dev/null | grep -o '[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z0-9_]*' | sort | uniq -c | sort -rn | head -25
  "${JAVA%/java}/jcmd" "$JPID" Thread.print | grep -o '^"[^"]*"' | sed 's/[0-9]\+/N/g' | sort | uniq -c | sort -rn | head -15
fi
if "${JAVA%/java}/jcmd" "$JPID" VM.native_memory summary >"$WORK/nmt.txt" 2>/dev/null && grep -q committed "$WORK/nmt.txt"; then
  grep -E "^(Total|-\s+[A-Za-z ]+ \(reserved)" "$WORK/nmt.txt" | sed 's/reserved=[0-9]*KB, //'
fi
