#!/usr/bin/env bash
# Memory of the server alone (docs/benchmarks.md, "Memory, server alone"): starts the built app as its own process
# with the scale scenario's 1,000 agents, measures it idle, creates the pods from a separate client process, waits
# until they are Running, measures again. Each measurement: working set (VmRSS), then a gcdump (which forces a full
# blocking GC), then the working set again and the GC counters. Usage:
#   dotnet build KubeMesos.Web.sln -c Release && tests/bench/Load/measure-server-memory.sh [pods] [out-dir] [port]
# DASHBOARD_DIR / BENCH_DIR point at copies of the build outputs (so that a rebuild does not change a running measurement);
# runtime settings to compare go in the environment, e.g. DOTNET_gcServer=0 DOTNET_GCConserveMemory=5.
set -euo pipefail
pods=${1:-10000}
out=${2:-$(mktemp -d /tmp/kubemesos-mem-XXXX)}
port=${3:-18480}
root=$(cd "$(dirname "$0")/../../.." && pwd)
store=$(mktemp -d /tmp/kubemesos-mem-store-XXXX)
mkdir -p "$out"
export PATH="$PATH:$HOME/.dotnet/tools"

dashboard=${DASHBOARD_DIR:-$root/src/Dashboard/bin/Release/net10.0}
bench=${BENCH_DIR:-$root/tests/bench/bin/Release/net10.0}

cd "$root/src/Dashboard"
dotnet "$dashboard/KubeMesos.Dashboard.dll" --urls "http://127.0.0.1:$port" --Store:Path="$store" \
  --Auth:Mode=Unsecured --RateLimit:Enabled=false \
  --Mesos:Embedded:Port=0 --Mesos:Embedded:AgentCount=1000 --Mesos:Embedded:TaskStepDelay=00:00:00.050 \
  --Mesos:Embedded:AllocationInterval=00:00:01 --Logging:LogLevel:Default=Warning >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
cd "$root"

rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status"; }
measure() { # name
  local before; before=$(rss)
  dotnet-gcdump collect -p "$pid" -o "$out/$1.gcdump" >/dev/null
  sleep 2
  local after; after=$(rss)
  dotnet-gcdump report "$out/$1.gcdump" >"$out/$1.types.txt"
  dotnet-counters collect -p "$pid" --counters System.Runtime --duration 00:00:00:04 --refresh-interval 2 \
    --format csv -o "$out/$1.counters.csv" >/dev/null 2>&1 || true
  # The last GC is the gcdump's full one: its heap size by generation, and what the GC keeps committed.
  local gc; gc=$(awk -F, '/last_collection.heap.size/ {heap[$3]=$NF} /memory.committed_size/ {committed=$NF}
    END {for (g in heap) total+=heap[g]; printf "GC heap after it %.0f MB, GC committed %.0f MB", total/1048576, committed/1048576}' "$out/$1.counters.csv")
  local anon; anon=$(awk '/RssAnon/ {a=$2} /RssFile/ {f=$2} END {printf "anonymous %.0f MB, file-backed %.0f MB", a/1024, f/1024}' "/proc/$pid/status")
  echo "$1: working set ${before} MB before the gcdump's full GC, ${after} MB after ($anon); $gc" | tee -a "$out/summary.txt"
  if [ -n "${HEAP_DUMP:-}" ]; then # exact sizes by type (the gcdump is sampled on .NET 10 and can miss objects)
    dotnet-dump collect -p "$pid" --type Heap -o "$out/$1.dump" >/dev/null
    dotnet-dump analyze "$out/$1.dump" -c "eeheap -gc" -c "dumpheap -stat" -c exit >"$out/$1.heap.txt"
    rm -f "$out/$1.dump"
  fi
}

until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 1; done
# Idle means every agent has offered once (the nodes list) and the burst of start-up work is over.
until [ "$(curl -s "http://127.0.0.1:$port/api/v1/nodes" | grep -o '"kind":"Node"' | wc -l)" -ge 1000 ]; do sleep 1; done
sleep 10
measure idle

dotnet "$bench/KubeMesos.Bench.dll" load --url "http://127.0.0.1:$port" --pods "$pods" | tee -a "$out/summary.txt"
sleep 10
measure "pods-$pods"
if [ -n "${SETTLE_SECONDS:-}" ]; then # again once idle connections have closed (client pool 1 min, Kestrel keep-alive 130 s)
  sleep "$SETTLE_SECONDS"
  measure "pods-$pods-settled"
fi
echo "output in $out"
