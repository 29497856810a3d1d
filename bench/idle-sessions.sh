#!/usr/bin/env bash
# bench/idle-sessions.sh — how much heap does an idle client session cost the proxy?
#
# Starts, on free loopback ports, one MariaDB server (the system mariadbd, a throw-away datadir under
# bench/target/) and shardwire in front of it (one backend, database bench, no TLS) with a small heap
# (-Xmx256m by default). Then a Java client (io.shardwire.benchmarks.IdleSessions in benchmarks/target/
# benchmarks.jar, Connector/J, 32 threads) logs in and out 64 times to warm the proxy up, opens N logins
# (default 2000) through the proxy and holds them idle. The proxy's heap is measured at four points, each
# after two forced full GCs (jcmd GC.run):
#   before      warmed up, no client connected
#   logged-in   all N logged in (Connector/J ran its own setup statements), nothing else sent
#   idle        after one SELECT 1 on every connection: N idle sessions that have run a statement
#   closed      after the client closed everything (a leak check: should be back near "before")
# At each point: heap used (jcmd GC.heap_info), live objects (the jcmd GC.class_histogram total), the sum of
# the heap pools in /metrics (jvm_memory_used_bytes{area="heap"}), the sessions the proxy counts
# (shardwire_client_sessions) and the process RSS (/proc/<pid>/status). It prints the heap per session
# ((idle - before) / sessions), the classes whose instances grew most between "before" and "idle", and
# PASS or FAIL against the goal "N sessions in under 256 MB of heap": PASS needs every login and every
# SELECT 1 to succeed, the proxy to stay up without an OutOfMemoryError, and the heap used at "idle" to be
# under the budget. The report, with versions and machine, goes to bench/target/idle-sessions-<timestamp>.md,
# the logs, GC log, heap info, histograms and /metrics to bench/target/idle-sessions-<timestamp>/. Everything it
# started is stopped on exit.
#
# The default collector is G1: after jcmd GC.run (a full, compacting, stop-the-world collection) its "used"
# is the live heap to the byte. ZGC (what bin/shardwire runs) reports used heap in whole pages (2 MB) and in
# MB in GC.heap_info, does not necessarily compact every page on a System.gc(), and has no compressed
# object pointers, so the same objects take more room: measure it with --gc zgc.
#
# Needs: mariadb-server and mariadb-client (Debian packages), curl, a JDK 21+ (found like bin/shardwire
# does; its jcmd is used). Builds the proxy and benchmarks jars if they are missing (or with --build).
#
# Usage: bench/idle-sessions.sh [options]
#   --sessions N          idle client connections to open; default 2000
#   --heap SIZE           the proxy's -Xmx; default 256m (give more to see what N sessions take when they
#                         do not fit)
#   --budget MB           the goal the heap at "idle" is checked against; default 256
#   --gc g1|zgc           the proxy's collector; default g1 (see above)
#   --threads N           client threads opening connections; default 32
#   --build               rebuild both jars first (./mvnw -q -B install -DskipTests -pl server,benchmarks -am)
#   --keep-datadir        keep the MariaDB datadir after the run
# Environment: SHARDWIRE_JAR (the -all jar to run), BENCHMARKS_JAR, SHARDWIRE_EXTRA_JAVA_OPTS (appended to
# the proxy's JVM options: -Xmx<heap>, the collector, -Xss1m, Netty leak detection off, a GC log), JAVA_HOME.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command_line="bench/idle-sessions.sh${*:+ $*}"

sessions=2000
heap=256m
budget_mb=256
gc=g1
threads=32
build=false
keep_datadir=false

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "idle-sessions.sh: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --sessions|--heap|--budget|--gc|--threads)
      need_value "$@"
      case "$1" in
        --sessions) sessions=$2 ;; --heap) heap=$2 ;; --budget) budget_mb=$2 ;; --gc) gc=$2 ;;
        --threads) threads=$2 ;;
      esac
      shift 2 ;;
    --build) build=true; shift ;;
    --keep-datadir) keep_datadir=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ "$sessions" =~ ^[1-9][0-9]*$ ]] || die "--sessions: '$sessions' is not a positive whole number"
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || die "--threads: '$threads' is not a positive whole number"
[[ "$budget_mb" =~ ^[1-9][0-9]*$ ]] || die "--budget: '$budget_mb' is not a positive whole number of MB"
[[ "$heap" =~ ^[1-9][0-9]*[kKmMgG]$ ]] || die "--heap: '$heap' is not a size like 256m or 1g"
case "$gc" in
  g1) gc_opts=(-XX:+UseG1GC) ;;
  zgc) gc_opts=(-XX:+UseZGC) ;;
  *) die "--gc: '$gc' is neither g1 nor zgc" ;;
esac

for c in mariadbd mariadb-install-db mariadb curl mkfifo; do
  command -v "$c" >/dev/null || die "'$c' not found: install the Debian packages mariadb-server mariadb-client curl"
done

# The proxy and the client each hold one socket per session
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge $((sessions + 1000)) ] \
  || die "the open-files limit ($(ulimit -n)) is too low for $sessions sessions; raise it (ulimit -n)"

stamp=$(date -u +%Y%m%d-%H%M%S)
git_rev=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$(cd "$root" && git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " with uncommitted changes" || true)
out_dir="$root/bench/target"
run_dir="$out_dir/idle-sessions-$stamp"
results="$out_dir/idle-sessions-$stamp.md"
checkpoints="$run_dir/checkpoints.tsv"
client_log="$run_dir/client.log"
mkdir -p "$run_dir"

# ---------------------------------------------------------------------------------------------------
# Processes: every one started here is recorded and stopped on exit, whatever the reason.
db_pid="" proxy_pid="" client_pid="" control_open=false

script=idle-sessions.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cleanup() {
  trap - EXIT INT TERM
  if [ "$control_open" = true ]; then exec 3>&-; fi # the client reads the end of its input: it closes and exits
  stop_pid "$client_pid" 20
  stop_pid "$proxy_pid" 15
  stop_pid "$db_pid" 60
  if [ "$keep_datadir" = false ]; then rm -rf "$run_dir/datadir"; fi
  rm -f "$run_dir/mariadb.sock" "$run_dir/shardwire.jar" "$run_dir/benchmarks.jar" "$run_dir/client.ctl"
}
trap cleanup EXIT
trap 'echo "idle-sessions.sh: interrupted" >&2; exit 130' INT TERM

# A free TCP port on 127.0.0.1, below the kernel's ephemeral range so outgoing connections cannot take
# it in the meantime; never one handed out earlier in this run.
taken_ports=" "

mib() { awk -v b="$1" 'BEGIN { if (b == "") print "–"; else printf "%.1f", b / 1048576 }'; }

# ---------------------------------------------------------------------------------------------------
# The jars and a JDK, before anything is started
java_home="$("$root/bin/find-jdk")" || die "no JDK 21+ found (see bin/find-jdk)"
java="$java_home/bin/java"
jcmd="$java_home/bin/jcmd"
[ -x "$jcmd" ] || die "no jcmd in $java_home/bin"
jar="${SHARDWIRE_JAR:-$root/server/target/shardwire-server-0.1.0-SNAPSHOT-all.jar}"
client_jar="${BENCHMARKS_JAR:-$root/benchmarks/target/benchmarks.jar}"
if [ "$build" = true ] || [ ! -f "$jar" ] || [ ! -f "$client_jar" ]; then
  echo "== building the proxy and benchmarks jars"
  (cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B install -DskipTests -pl server,benchmarks -am) >"$run_dir/build.log" 2>&1 \
    || die "build failed: see $run_dir/build.log"
fi
[ -f "$jar" ] || die "no proxy jar at $jar"
[ -f "$client_jar" ] || die "no benchmarks jar at $client_jar"
# Run copies, so that a rebuild in the work tree during the run cannot change or break them
jar_built=$(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')
cp "$jar" "$run_dir/shardwire.jar"
cp "$client_jar" "$run_dir/benchmarks.jar"
"$java" -jar "$run_dir/shardwire.jar" --version >"$run_dir/shardwire-version.txt" 2>&1 \
  || die "$jar does not run: $(head -3 "$run_dir/shardwire-version.txt")"
usage_rc=0 # without arguments the client prints its usage and exits 2
"$java" -cp "$run_dir/benchmarks.jar" io.shardwire.benchmarks.IdleSessions >/dev/null 2>&1 </dev/null || usage_rc=$?
[ "$usage_rc" -eq 2 ] || die "$client_jar has no working io.shardwire.benchmarks.IdleSessions (rebuild with --build)"

# ---------------------------------------------------------------------------------------------------
# MariaDB
db_port=$(free_port)
datadir="$run_dir/datadir"
socket="$run_dir/mariadb.sock"
echo "== MariaDB: installing a datadir in $datadir"
mariadb-install-db --no-defaults --user=root --datadir="$datadir" --auth-root-authentication-method=normal \
  --skip-test-db >"$run_dir/mariadb-install-db.log" 2>&1 \
  || die "mariadb-install-db failed: see $run_dir/mariadb-install-db.log"
mariadbd --no-defaults --user=root --datadir="$datadir" --socket="$socket" --port="$db_port" \
  --bind-address=127.0.0.1 --pid-file="$run_dir/mariadbd.pid" --log-error="$run_dir/mariadbd.err" \
  --skip-name-resolve --max-connections=500 --innodb-buffer-pool-size=64M >"$run_dir/mariadbd.out" 2>&1 &
db_pid=$!
wait_for_sql MariaDB "$db_pid" 60 --socket="$socket" -uroot || die "MariaDB did not start"
mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE bench;
SQL
wait_for_sql "MariaDB over TCP" "$db_pid" 10 -h127.0.0.1 -P"$db_port" -uroot || die "MariaDB refused root over TCP"
echo "   mariadbd pid $db_pid on 127.0.0.1:$db_port"

# ---------------------------------------------------------------------------------------------------
# shardwire
proxy_port=$(free_port)
admin_port=$(free_port)
max_connections=$((sessions + 100 > 5000 ? sessions + 100 : 5000))
cat >"$run_dir/shardwire.yaml" <<YAML
# generated by bench/idle-sessions.sh: one backend, database bench on it, nothing sharded
server:
  bind: 127.0.0.1
  port: $proxy_port
  admin_port: $admin_port
  tls: { enabled: false }
  max_connections: $max_connections
  backend_pool_size: $((threads + 16))
  drain_timeout_ms: 2000
users:
  - { name: bench, password: bench }
backends:
  s0:
    primary: mysql://root:@127.0.0.1:$db_port
databases:
  bench:
    default_shard: s0
    tables: {}
YAML
read -r -a extra_opts <<<"${SHARDWIRE_EXTRA_JAVA_OPTS:-}"
java_opts=("-Xmx$heap" "${gc_opts[@]}" -Xss1m -Dio.netty.leakDetection.level=disabled
  "-Xlog:gc:file=$run_dir/gc.log:uptime" ${extra_opts[@]+"${extra_opts[@]}"})
"$java" "${java_opts[@]}" -jar "$run_dir/shardwire.jar" --config "$run_dir/shardwire.yaml" >"$run_dir/shardwire.log" 2>&1 &
proxy_pid=$!
if ! wait_for_sql shardwire "$proxy_pid" 120 -h127.0.0.1 -P"$proxy_port" -ubench -pbench bench; then
  tail -5 "$run_dir/shardwire.log" | sed 's/^/   | /' >&2
  die "shardwire did not start"
fi
for _ in $(seq 1 40); do curl -fsS -o /dev/null "http://127.0.0.1:$admin_port/metrics" 2>/dev/null && break; sleep 0.25; done
curl -fsS -o /dev/null "http://127.0.0.1:$admin_port/metrics" || die "shardwire's /metrics (port $admin_port) does not answer"
echo "   shardwire pid $proxy_pid on 127.0.0.1:$proxy_port (admin $admin_port), JVM options: ${java_opts[*]}"

# ---------------------------------------------------------------------------------------------------
# Measuring
printf 'label\tsessions\theap_used\tlive_bytes\tmetrics_heap\trss_kb\n' >"$checkpoints"

heap_used_bytes() { # GC.heap_info output: the heap's "used" (G1: K, ZGC: M), in bytes
  awk '/[Hh]eap/ && / used [0-9]/ {
         if (match($0, / used [0-9]+[KMG]?/)) {
           s = substr($0, RSTART + 6, RLENGTH - 6); u = substr(s, length(s)); v = s + 0
           if (u == "K") v *= 1024; else if (u == "M") v *= 1048576; else if (u == "G") v *= 1073741824
           printf "%.0f\n", v; exit } }' "$1"
}
histogram_total() { awk '$1 == "Total" { print $3; exit }' "$1"; }

# measure LABEL: two full GCs, then heap used, live objects (class histogram), /metrics, sessions, RSS
measure() {
  local label=$1 used="" live="" metric="" counted="" rss=""
  if alive "$proxy_pid"; then
    "$jcmd" "$proxy_pid" GC.run >/dev/null 2>&1 || true
    "$jcmd" "$proxy_pid" GC.run >/dev/null 2>&1 || true
    "$jcmd" "$proxy_pid" GC.heap_info >"$run_dir/heap-info-$label.txt" 2>&1 || true
    used=$(heap_used_bytes "$run_dir/heap-info-$label.txt")
    "$jcmd" "$proxy_pid" GC.class_histogram >"$run_dir/histogram-$label.txt" 2>&1 || true
    live=$(histogram_total "$run_dir/histogram-$label.txt")
    if curl -fsS "http://127.0.0.1:$admin_port/metrics" >"$run_dir/metrics-$label.txt" 2>/dev/null; then
      metric=$(awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF; n++ } END { if (n) printf "%.0f", s }' "$run_dir/metrics-$label.txt")
      counted=$(awk '/^shardwire_client_sessions / { printf "%d", $2; exit }' "$run_dir/metrics-$label.txt")
    fi
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$proxy_pid/status" 2>/dev/null || true)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$counted" "$used" "$live" "$metric" "$rss" >>"$checkpoints"
  if [ -z "$used" ]; then
    echo "   $label: no reading (the proxy is not running or jcmd failed; see $run_dir)"
  else
    echo "   $label: sessions $counted, heap used $(mib "$used") MB, live objects $(mib "$live") MB, /metrics heap $(mib "$metric") MB, RSS $(mib $((${rss:-0} * 1024))) MB"
  fi
}
field() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l { print $c; exit }' "$checkpoints"; } # label column

# The client: driven through a FIFO (commands in), read through its log (answers out)
shown=0
show_progress() { # echo the client's new "# " lines
  local total
  total=$(wc -l <"$client_log" 2>/dev/null || echo 0)
  if [ "$total" -gt "$shown" ]; then
    sed -n "$((shown + 1)),${total}p" "$client_log" | sed -n 's/^# /   client: /p'
    shown=$total
  fi
}
reply=""
wait_reply() { # word seconds: sets reply to the client's first output line starting with the word
  local word=$1 seconds=$2 i=0
  while :; do
    reply=$(grep -m1 -E "^$word( |$)" "$client_log" 2>/dev/null || true)
    show_progress
    [ -n "$reply" ] && return 0
    if ! alive "$client_pid"; then
      reply=$(grep -m1 -E "^$word( |$)" "$client_log" 2>/dev/null || true)
      [ -n "$reply" ] && return 0
      echo "idle-sessions.sh: the client exited before answering $word; its log:" >&2
      tail -20 "$client_log" | sed 's/^/   | /' >&2
      return 1
    fi
    if [ $i -ge $((seconds * 5)) ]; then
      echo "idle-sessions.sh: no $word from the client within ${seconds}s (log: $client_log)" >&2
      return 1
    fi
    i=$((i + 1)); sleep 0.2
  done
}

mkfifo "$run_dir/client.ctl"
exec 3<>"$run_dir/client.ctl"
control_open=true
warmup_n=$((sessions < 64 ? sessions : 64))
echo "== client: warming the proxy up ($warmup_n logins, SELECT 1, logout)"
# 3>&-: the client must not hold the FIFO's write end itself, or it would never see the end of its input
"$java" -Xmx1g -cp "$run_dir/benchmarks.jar" io.shardwire.benchmarks.IdleSessions 127.0.0.1 "$proxy_port" \
  bench bench "$sessions" "$threads" "$warmup_n" bench \
  <"$run_dir/client.ctl" >"$client_log" 2>&1 3>&- &
client_pid=$!
wait_reply WARM 180 || die "the client did not warm up"
read -r _ warm <<<"$reply"
[ "${warm%%/*}" = "${warm##*/}" ] || die "warm-up logins or queries failed ($warm succeeded; see $client_log)"

echo "== measuring (each point after two full GCs)"
measure before
echo "== client: opening $sessions connections from $threads threads"
echo open >&3
wait_reply OPEN $((120 + sessions / 5)) || die "the client did not finish opening connections"
read -r _ opened open_failed <<<"$reply"
measure logged-in
echo "== client: SELECT 1 on every connection"
echo query >&3
wait_reply READY $((120 + sessions / 10)) || die "the client did not finish its queries"
read -r _ _ query_ok query_failed <<<"$reply"
measure idle
echo "== client: closing every connection"
echo close >&3
wait_reply CLOSED 120 || die "the client did not close its connections"
exec 3>&-
control_open=false
for _ in $(seq 1 100); do alive "$client_pid" || break; sleep 0.2; done
client_rc=0
wait "$client_pid" 2>/dev/null || client_rc=$?
client_pid=""
# the proxy drops a session on its worker once the socket closed: wait for its count to reach 0
for _ in $(seq 1 100); do
  n=$(curl -fsS "http://127.0.0.1:$admin_port/metrics" 2>/dev/null | awk '/^shardwire_client_sessions / { printf "%d", $2; exit }') || true
  [ "${n:-1}" = 0 ] && break
  alive "$proxy_pid" || break
  sleep 0.2
done
measure closed
open_seconds=$(sed -n 's/^# opened .* in \([0-9.]*\) s .*/\1/p; T; q' "$client_log")

# ---------------------------------------------------------------------------------------------------
# Verdict and report
proxy_alive=true
alive "$proxy_pid" || proxy_alive=false
oom=$(grep -c 'OutOfMemoryError' "$run_dir/shardwire.log" || true)
before=$(field before 3); idle=$(field idle 3); logged=$(field logged-in 3); closed=$(field closed 3)
live_before=$(field before 4); live_idle=$(field idle 4)
counted_idle=$(field idle 2)
rss_before=$(field before 6); rss_idle=$(field idle 6)
per_session() { # bytes-before bytes-after sessions
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (a == "" || b == "" || n <= 0) print "–"; else printf "%.0f", (b - a) / n }'
}
per_idle=$(per_session "$before" "$idle" "$opened")
per_logged=$(per_session "$before" "$logged" "$opened")
per_live=$(per_session "$live_before" "$live_idle" "$opened")
budget=$((budget_mb * 1048576))
projected=$(awk -v b="$before" -v p="$per_idle" -v n="$sessions" 'BEGIN { if (b == "" || p == "–") print ""; else printf "%.0f", b + p * n }')

reasons=()
[ "$opened" = "$sessions" ] || reasons+=("only $opened of $sessions logins succeeded")
[ "${query_failed:-1}" = 0 ] && [ "${query_ok:-0}" = "$opened" ] || reasons+=("SELECT 1 failed on ${query_failed:-?} of $opened connections")
[ "$proxy_alive" = true ] || reasons+=("the proxy exited")
[ "${oom:-0}" = 0 ] || reasons+=("the proxy logged OutOfMemoryError ($oom lines)")
if [ -z "$idle" ]; then reasons+=("no heap reading with the sessions open")
elif [ "$idle" -ge "$budget" ]; then reasons+=("heap used with the sessions open is $(mib "$idle") MB, not under $budget_mb MB"); fi
if [ ${#reasons[@]} -eq 0 ]; then verdict="PASS"; else verdict="FAIL"; fi
verdict_line="$verdict: $sessions idle sessions in under $budget_mb MB of heap"
if [ ${#reasons[@]} -gt 0 ]; then verdict_line+=" — $(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g')"; fi

growth() { # the 10 classes whose instances grew most (bytes) from "before" to "idle": rank, class, instances,
            # instances per session, bytes, bytes per session (tab-separated)
  [ -s "$run_dir/histogram-before.txt" ] && [ -s "$run_dir/histogram-idle.txt" ] || return 0
  awk '
    FNR == NR { if ($1 ~ /^[0-9]+:$/) { bb[$4] = $3; bi[$4] = $2 } next }
    $1 ~ /^[0-9]+:$/ { db = $3 - bb[$4]; di = $2 - bi[$4]; if (db > 0) printf "%d\t%d\t%s\n", db, di, $4 }' \
    "$run_dir/histogram-before.txt" "$run_dir/histogram-idle.txt" |
    sort -t$'\t' -k1,1nr |
    awk -F'\t' -v n="${opened:-0}" 'NR <= 10 { printf "%d\t%s\t%d\t%.2f\t%d\t%.0f\n", NR, $3, $2, (n > 0 ? $2 / n : 0), $1, (n > 0 ? $1 / n : 0) }'
}

top_share() { # how much of the growth of live objects the ten classes above account for
  growth | awk -F'\t' -v all="$per_live" '{ s += $6 } END { if (NR && all != "–") printf "These %d classes: %.0f of the %s bytes per session that live objects grew by.\n", NR, s, all }'
}

checkpoint_table() {
  echo "| point | sessions (proxy) | heap used MB | live objects MB | /metrics heap MB | RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2 == "" ? "–" : $2,
      $3 == "" ? "–" : sprintf("%.1f", $3 / 1048576), $4 == "" ? "–" : sprintf("%.1f", $4 / 1048576),
      $5 == "" ? "–" : sprintf("%.1f", $5 / 1048576), $6 == "" ? "–" : sprintf("%.0f", $6 / 1024) }' "$checkpoints"
}

summary() {
  echo "- sessions: $opened of $sessions logged in (${open_seconds:-?} s, $threads client threads); the proxy counted ${counted_idle:-?}; SELECT 1 ok on ${query_ok:-?}, failed on ${query_failed:-?}"
  echo "- heap used: $(mib "$before") MB before, $(mib "$logged") MB logged in, $(mib "$idle") MB idle after SELECT 1, $(mib "$closed") MB after closing"
  echo "- per session: $per_idle bytes of heap idle after SELECT 1 ($per_logged bytes just logged in; $per_live bytes of live objects by the class histogram)"
  if [ -n "$projected" ] && [ "$opened" != "$sessions" ]; then echo "- projected for $sessions sessions: $(mib "$projected") MB of heap (before + $sessions × per session)"; fi
  echo "- RSS of the proxy: $(mib $((${rss_before:-0} * 1024))) MB before, $(mib $((${rss_idle:-0} * 1024))) MB with the sessions open"
  echo "- $verdict_line"
}

{
  echo "# Idle sessions: shardwire's heap per client session"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: \`$command_line\`"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/^model name/{ print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/{ printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "- versions: $(mariadbd --version | sed 's/^.*Ver //; s/ for .*//'), $("$java" -version 2>&1 | sed -n 1p); shardwire jar built $jar_built (work tree at the start of the run: $git_rev$git_dirty)"
  echo "- proxy JVM options: ${java_opts[*]}"
  echo "- client: io.shardwire.benchmarks.IdleSessions (Connector/J, sslMode=DISABLED), database bench, $threads threads, $warmup_n warm-up logins before \"before\""
  echo "- every point after two \`jcmd GC.run\`; heap used from \`jcmd GC.heap_info\`, live objects from the \`jcmd GC.class_histogram\` total, RSS from /proc/<pid>/status"
  echo
  echo "## Result"
  echo
  summary
  echo
  checkpoint_table
  echo
  echo "## Classes that grew most from \"before\" to \"idle\""
  echo
  echo "| # | class | instances | per session | bytes | bytes per session |"
  echo "|---:|---|---:|---:|---:|---:|"
  growth | awk -F'\t' '{ printf "| %s | `%s` | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
  echo
  top_share
  echo
  echo "Logs, GC log, heap info, histograms and /metrics at every point: \`${run_dir#"$root"/}/\`"
} >"$results"

echo
echo "== result (also in ${results#"$root"/}; logs in ${run_dir#"$root"/})"
echo
summary
echo
checkpoint_table
echo
echo "Classes that grew most from \"before\" to \"idle\" (instances, per session, bytes, bytes per session):"
growth | awk -F'\t' '{ printf "  %2s %-64s %9s %7s %11s %7s\n", $1, $2, $3, $4, $5, $6 }'
top_share
if [ "$client_rc" -ne 0 ]; then echo "(the client exited with $client_rc: a login or query failed; see $client_log)"; fi
[ "$verdict" = PASS ]
