#!/usr/bin/env bash
# bench/sysbench.sh — what does shardwire cost per statement?
#
# Starts, on free loopback ports, everything it measures:
#   A  one MariaDB server (the system mariadbd, a throw-away datadir under bench/target/)
#   B  haproxy in TCP mode in front of it: a raw relay, one extra hop and no parsing, the physical limit
#      of any proxy
#   C  shardwire in front of it (one backend s0, database sbtest on it, no sharded tables, no TLS)
# prepares the sysbench tables once directly on MariaDB, then runs sysbench against A, B and C
# interleaved (A B C A B C ... for each workload / protocol mode / thread count) so that the three
# targets see the same background load. For each run it prints QPS, p95 latency, errors and reconnects,
# and the CPU time each proxy process spent per query (utime+stime from /proc/<pid>/stat before and
# after the run, divided by the queries sysbench reports). At the end it prints a Markdown summary
# (QPS A/B/C, C/B and C/A, p95, proxy CPU µs/query) and writes it, with every run, the versions and
# the machine, to bench/target/results-<timestamp>.md. Everything it started is stopped on exit.
#
# Needs: sysbench, haproxy, mariadb-server and mariadb-client (Debian packages; .ci/run installs them),
# a JDK 21+ (found like bin/shardwire does). Builds the proxy jar if it is missing (or with --build).
#
# Usage: bench/sysbench.sh [options]
#   --quick               smoke run: oltp_point_select, both modes, 16 threads, 1 round of 5 s, 3 s warm-up
#   --workloads LIST      default point_select,read_only,read_write,insert (the oltp_ prefix is optional)
#   --modes LIST          prepared (--db-ps-mode=auto), text (--db-ps-mode=disable); default both
#   --threads LIST        default 16,64
#   --targets LIST        subset of A,B,C; default all three
#   --rounds N            rounds of A B C per combination; default 2
#   --time S              seconds per run; default 20
#   --warmup S            seconds per workload and mode through shardwire before measuring (JIT); default 45
#   --tables N            default 4
#   --table-size N        default 20000
#   --rand-type T         sysbench's row distribution; default uniform (the default "special" makes
#                         oltp_read_write deadlock on a few hot rows, proxy or not)
#   --build               rebuild the proxy jar first (./mvnw -q -B install -DskipTests -pl server -am)
#   --keep-datadir        keep the MariaDB datadir after the run
# Environment: SHARDWIRE_JAR (the -all jar to run), SHARDWIRE_JAVA_OPTS (default "-Xms1g -Xmx1g
# -XX:+AlwaysPreTouch -XX:+UseZGC -Xss1m -Dio.netty.leakDetection.level=disabled": a fixed, pre-touched heap,
# so that the first pass over a growing heap's pages is not counted as proxy work), JAVA_HOME.
#
# A run that fails (sysbench exits non-zero, times out, or the proxy dies) is reported as an error row
# with sysbench's message; the benchmark goes on (a dead proxy is restarted for the next run).
# Figures from one run are comparable with each other; across machines or runs compare the ratios.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command_line="bench/sysbench.sh${*:+ $*}"

workloads=point_select,read_only,read_write,insert
modes=prepared,text
threads_list=16,64
targets=A,B,C
rounds=2
run_time=20
warmup=45
tables=4
table_size=20000
rand_type=uniform
build=false
keep_datadir=false

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "sysbench.sh: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) workloads=point_select; threads_list=16; rounds=1; run_time=5; warmup=3; shift ;;
    --workloads|--modes|--threads|--targets|--rounds|--time|--warmup|--tables|--table-size|--rand-type)
      need_value "$@"
      case "$1" in
        --workloads) workloads=$2 ;; --modes) modes=$2 ;; --threads) threads_list=$2 ;;
        --targets) targets=$2 ;; --rounds) rounds=$2 ;; --time) run_time=$2 ;; --warmup) warmup=$2 ;;
        --tables) tables=$2 ;; --table-size) table_size=$2 ;; --rand-type) rand_type=$2 ;;
      esac
      shift 2 ;;
    --build) build=true; shift ;;
    --keep-datadir) keep_datadir=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

for n in "$rounds" "$run_time" "$warmup" "$tables" "$table_size"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "'$n' is not a whole number"
done
[ "$rounds" -ge 1 ] && [ "$run_time" -ge 1 ] || die "--rounds and --time must be at least 1"
IFS=, read -r -a workload_list <<<"$workloads"
IFS=, read -r -a mode_list <<<"$modes"
IFS=, read -r -a thread_counts <<<"$threads_list"
IFS=, read -r -a target_list <<<"$targets"
for i in "${!workload_list[@]}"; do
  w=${workload_list[$i]#oltp_}
  [ -f "/usr/share/sysbench/oltp_$w.lua" ] || die "unknown workload '$w' (no /usr/share/sysbench/oltp_$w.lua)"
  workload_list[$i]=$w
done
for m in "${mode_list[@]}"; do [[ "$m" =~ ^(prepared|text)$ ]] || die "unknown mode '$m' (prepared, text)"; done
for t in "${thread_counts[@]}"; do [[ "$t" =~ ^[1-9][0-9]*$ ]] || die "bad thread count '$t'"; done
for t in "${target_list[@]}"; do [[ "$t" =~ ^[ABC]$ ]] || die "unknown target '$t' (A, B, C)"; done

for c in sysbench haproxy mariadbd mariadb-install-db mariadb getconf timeout; do
  command -v "$c" >/dev/null || die "'$c' not found: install the Debian packages sysbench haproxy mariadb-server mariadb-client"
done

stamp=$(date -u +%Y%m%d-%H%M%S)
git_rev=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$(cd "$root" && git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " with uncommitted changes" || true)
out_dir="$root/bench/target"
run_dir="$out_dir/run-$stamp"
results="$out_dir/results-$stamp.md"
runs_tsv="$run_dir/runs.tsv"
mkdir -p "$run_dir"
clk_tck=$(getconf CLK_TCK)
ncpu=$(nproc)

# ---------------------------------------------------------------------------------------------------
# Processes: every one started here is recorded and stopped on exit, whatever the reason.
db_pid="" haproxy_pid="" proxy_pid=""

script=sysbench.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cleanup() {
  trap - EXIT INT TERM
  stop_pid "$proxy_pid" 15
  stop_pid "$haproxy_pid" 5
  stop_pid "$db_pid" 60
  if [ "$keep_datadir" = false ]; then rm -rf "$run_dir/datadir"; fi
  rm -f "$run_dir/mariadb.sock" "$run_dir/shardwire.jar"
}
trap cleanup EXIT
trap 'echo "sysbench.sh: interrupted" >&2; exit 130' INT TERM

# A free TCP port on 127.0.0.1, below the kernel's ephemeral range so outgoing connections cannot take
# it in the meantime; never one handed out earlier in this run.
taken_ports=" "

cpu_ticks() { # utime+stime of a process (all its threads), in clock ticks; 0 if it is gone
  local stat
  [ -n "$1" ] || { echo 0; return; } # no such process (a target not started): /proc//stat would be /proc/stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }             # the command name may contain spaces: drop everything up to its ')'
  # shellcheck disable=SC2086
  set -- $stat                  # now $1 is field 3 (state): utime (field 14) is $12, stime $13
  echo $((${12} + ${13}))
}

busy_ticks() { # CPU ticks spent by anything on the machine (all CPUs), from /proc/stat
  awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

children_ms() { # CPU time of this shell's finished children (sysbench), in ms, from `times`
  times | awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] } printf "%d\n", t * 1000 }'
}

rss_mb() { awk '/^VmRSS:/{ printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# ---------------------------------------------------------------------------------------------------
# The proxy jar and a JDK, before anything is started
java_home="$("$root/bin/find-jdk")" || die "no JDK 21+ found (see bin/find-jdk)"
java="$java_home/bin/java"
jar="${SHARDWIRE_JAR:-$root/server/target/shardwire-server-0.1.0-SNAPSHOT-all.jar}"
read -r -a java_opts <<<"${SHARDWIRE_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseZGC -Xss1m -Dio.netty.leakDetection.level=disabled}"
if [ "$build" = true ] || [ ! -f "$jar" ]; then
  echo "== building the proxy jar"
  (cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B install -DskipTests -pl server -am) >"$run_dir/build.log" 2>&1 \
    || die "build failed: see $run_dir/build.log"
fi
[ -f "$jar" ] || die "no proxy jar at $jar"
# Run a copy, so that a rebuild in the work tree during the benchmark cannot change or break the proxy
# under test; retry while the jar is being rewritten (it must at least print its version).
for attempt in 1 2 3 4 5 6; do
  jar_built=$(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')
  cp "$jar" "$run_dir/shardwire.jar"
  if "$java" -jar "$run_dir/shardwire.jar" --version >"$run_dir/shardwire-version.txt" 2>&1; then break; fi
  [ "$attempt" -lt 6 ] || die "$jar does not run: $(head -3 "$run_dir/shardwire-version.txt")"
  echo "   $jar does not run (being rebuilt?); trying again in 10 s"
  sleep 10
done

# ---------------------------------------------------------------------------------------------------
# A: MariaDB
db_port=$(free_port)
datadir="$run_dir/datadir"
socket="$run_dir/mariadb.sock"
echo "== MariaDB: installing a datadir in $datadir"
mariadb-install-db --no-defaults --user=root --datadir="$datadir" --auth-root-authentication-method=normal \
  --skip-test-db >"$run_dir/mariadb-install-db.log" 2>&1 \
  || die "mariadb-install-db failed: see $run_dir/mariadb-install-db.log"
mariadbd --no-defaults --user=root --datadir="$datadir" --socket="$socket" --port="$db_port" \
  --bind-address=127.0.0.1 --pid-file="$run_dir/mariadbd.pid" --log-error="$run_dir/mariadbd.err" \
  --skip-name-resolve --max-connections=1000 --max-prepared-stmt-count=100000 \
  --innodb-buffer-pool-size=256M --innodb-log-file-size=256M --innodb-flush-log-at-trx-commit=2 \
  --sync-binlog=0 --thread-cache-size=256 --table-open-cache=2000 >"$run_dir/mariadbd.out" 2>&1 &
db_pid=$!
wait_for_sql MariaDB "$db_pid" 60 --socket="$socket" -uroot || die "MariaDB did not start"
mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'sbtest'@'%' IDENTIFIED BY 'sbtest';
CREATE USER IF NOT EXISTS 'sbtest'@'127.0.0.1' IDENTIFIED BY 'sbtest';
GRANT ALL PRIVILEGES ON sbtest.* TO 'sbtest'@'%';
GRANT ALL PRIVILEGES ON sbtest.* TO 'sbtest'@'127.0.0.1';
CREATE DATABASE sbtest;
SQL
wait_for_sql "MariaDB over TCP" "$db_pid" 10 -h127.0.0.1 -P"$db_port" -usbtest -psbtest sbtest || die "MariaDB refused user sbtest over TCP"
echo "   mariadbd pid $db_pid on 127.0.0.1:$db_port"

# ---------------------------------------------------------------------------------------------------
# B: haproxy, a raw TCP relay
haproxy_port=$(free_port)
cat >"$run_dir/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode tcp
    timeout connect 5s
    timeout client 1h
    timeout server 1h
frontend mysql
    bind 127.0.0.1:$haproxy_port
    default_backend mariadb
backend mariadb
    server s0 127.0.0.1:$db_port
CFG
start_haproxy() {
  haproxy -db -f "$run_dir/haproxy.cfg" >>"$run_dir/haproxy.log" 2>&1 &
  haproxy_pid=$!
  wait_for_sql haproxy "$haproxy_pid" 10 -h127.0.0.1 -P"$haproxy_port" -usbtest -psbtest sbtest || return 1
  echo "   haproxy pid $haproxy_pid on 127.0.0.1:$haproxy_port"
}

# ---------------------------------------------------------------------------------------------------
# C: shardwire
proxy_port=$(free_port)
admin_port=$(free_port)
max_threads=0
for t in "${thread_counts[@]}"; do if [ "$t" -gt "$max_threads" ]; then max_threads=$t; fi; done
cat >"$run_dir/shardwire.yaml" <<YAML
# generated by bench/sysbench.sh: one backend, database sbtest on it, nothing sharded
server:
  bind: 127.0.0.1
  port: $proxy_port
  admin_port: $admin_port
  tls: { enabled: false }
  max_connections: 1000
  backend_pool_size: $((max_threads + 16))
  drain_timeout_ms: 2000
users:
  - { name: sbtest, password: sbtest }
backends:
  s0:
    primary: mysql://root:@127.0.0.1:$db_port
databases:
  sbtest:
    default_shard: s0
    tables: {}
YAML
proxy_starts=0
start_proxy() {
  proxy_starts=$((proxy_starts + 1))
  echo "---- start $proxy_starts" >>"$run_dir/shardwire.log"
  "$java" "${java_opts[@]}" -jar "$run_dir/shardwire.jar" --config "$run_dir/shardwire.yaml" >>"$run_dir/shardwire.log" 2>&1 &
  proxy_pid=$!
  if ! wait_for_sql shardwire "$proxy_pid" 120 -h127.0.0.1 -P"$proxy_port" -usbtest -psbtest sbtest; then
    tail -5 "$run_dir/shardwire.log" | sed 's/^/   | /' >&2
    stop_pid "$proxy_pid" 5; return 1
  fi
  echo "   shardwire pid $proxy_pid on 127.0.0.1:$proxy_port (admin $admin_port)"
}

target_port() { case $1 in A) echo "$db_port" ;; B) echo "$haproxy_port" ;; C) echo "$proxy_port" ;; esac; }
target_name() { case $1 in A) echo "MariaDB" ;; B) echo "haproxy" ;; C) echo "shardwire" ;; esac; }
ps_mode() { case $1 in prepared) echo auto ;; text) echo disable ;; esac; }
has_target() { [[ ",${targets}," == *",$1,"* ]]; }

echo "== starting the relays"
if has_target B; then start_haproxy || die "haproxy did not start"; fi
if has_target C; then start_proxy || die "shardwire did not start"; fi

sysbench_args() { # workload mode threads seconds port
  echo "oltp_$1 --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$5 --mysql-user=sbtest \
--mysql-password=sbtest --mysql-db=sbtest --tables=$tables --table-size=$table_size --threads=$3 \
--time=$4 --events=0 --report-interval=0 --percentile=95 --histogram=off --rand-type=$rand_type \
--db-ps-mode=$(ps_mode "$2")"
}

echo "== preparing $tables tables of $table_size rows directly on MariaDB"
# shellcheck disable=SC2046
sysbench $(sysbench_args point_select text "$tables" 0 "$db_port") prepare >"$run_dir/prepare.log" 2>&1 \
  || die "sysbench prepare failed: see $run_dir/prepare.log"

# ---------------------------------------------------------------------------------------------------
# Runs
printf 'workload\tmode\tthreads\tround\ttarget\tstatus\tqps\tp95\tqueries\tignored\treconnects\thaproxy_ticks\tproxy_ticks\tdb_ticks\tsysbench_ms\tother_load\trss_mb\tmessage\n' >"$runs_tsv"

sb_field() { # file regex: the first number after a sysbench output label
  awk -v re="$2" '$0 ~ re { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { print $i; exit } }' "$1"
}

run_one() { # workload mode threads round target seconds log -> appends a row to runs.tsv unless round=warmup
  local w=$1 m=$2 th=$3 rd=$4 tg=$5 secs=$6 log=$7 port rc=0
  port=$(target_port "$tg")
  if [ "$tg" = C ] && ! alive "$proxy_pid"; then
    echo "   shardwire (pid $proxy_pid) is not running: restarting it (log: $run_dir/shardwire.log)"
    start_proxy || true
  fi
  if [ "$tg" = B ] && ! alive "$haproxy_pid"; then start_haproxy || true; fi
  local h0 p0 d0 b0 s0 t0 h1 p1 d1 b1 s1 t1
  h0=$(cpu_ticks "$haproxy_pid"); p0=$(cpu_ticks "$proxy_pid"); d0=$(cpu_ticks "$db_pid")
  b0=$(busy_ticks); s0=$(children_ms); t0=$(date +%s%N)
  # shellcheck disable=SC2046
  timeout --foreground -k 10 $((secs + 60)) sysbench $(sysbench_args "$w" "$m" "$th" "$secs" "$port") run >"$log" 2>&1 || rc=$?
  h1=$(cpu_ticks "$haproxy_pid"); p1=$(cpu_ticks "$proxy_pid"); d1=$(cpu_ticks "$db_pid")
  b1=$(busy_ticks); s1=$(children_ms); t1=$(date +%s%N)
  if [ "$rd" = warmup ]; then return 0; fi

  local qps p95 queries ignored reconnects status=ok msg="" other rss=0
  queries=$(awk '/^ *queries: /{ print $2; exit }' "$log")
  qps=$(awk '/^ *queries: /{ gsub(/[(]/, "", $3); print $3; exit }' "$log")
  p95=$(sb_field "$log" '95th percentile:')
  ignored=$(awk '/ignored errors:/{ print $3; exit }' "$log")
  reconnects=$(awk '/reconnects:/{ print $2; exit }' "$log")
  if [ "$rc" -ne 0 ] || [ -z "$queries" ] || [ "${queries:-0}" = 0 ]; then
    status=error
    msg=$(grep -E 'FATAL|ERROR|error' "$log" | grep -v 'ignored errors' | head -3 | tr '\t\n' '  ' | cut -c1-300 | sed 's/ *$//')
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then msg="sysbench timed out after $((secs + 60))s; $msg"; fi
    if [ -z "$msg" ]; then msg="sysbench exit code $rc, no statistics in its output"; fi
  fi
  if [ "$tg" = C ] && ! alive "$proxy_pid"; then
    status=error; msg="the shardwire process exited during the run (see shardwire.log); $msg"
  fi
  if [ "$tg" = C ]; then rss=$(rss_mb "$proxy_pid"); fi
  # the share of the machine's CPU taken by anything other than MariaDB, the relays and sysbench
  other=$(awk -v b=$((b1 - b0)) -v ours=$(( (h1 - h0) + (p1 - p0) + (d1 - d0) )) -v sb=$((s1 - s0)) \
    -v hz="$clk_tck" -v ms="$(( (t1 - t0) / 1000000 ))" -v n="$ncpu" \
    'BEGIN { o = (b - ours - sb * hz / 1000) / (ms / 1000 * hz * n) * 100; if (o < 0) o = 0; printf "%.0f", o }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$m" "$th" "$rd" "$tg" \
    "$status" "${qps:-0}" "${p95:-0}" "${queries:-0}" "${ignored:-0}" "${reconnects:-0}" $((h1 - h0)) $((p1 - p0)) \
    $((d1 - d0)) $((s1 - s0)) "$other" "$rss" "$msg" >>"$runs_tsv"
  tail -1 "$runs_tsv" | awk -F'\t' -v hz="$clk_tck" -v name="$(target_name "$tg")" '
    { q = $9 > 0 ? $9 : 1
      if ($6 != "ok") { printf "   %s %-9s ERROR: %s\n", $5, name, $18; exit }
      cpu = ""
      if ($5 == "B") cpu = sprintf(", haproxy %.1f µs/q", $12 / hz * 1e6 / q)
      if ($5 == "C") cpu = sprintf(", shardwire %.1f µs/q, RSS %d MB", $13 / hz * 1e6 / q, $17)
      printf "   %s %-9s %8.0f qps  p95 %6.2f ms  MariaDB %.1f µs/q%s  errors %d reconnects %d  other load %d%%\n",
        $5, name, $7, $8, $14 / hz * 1e6 / q, cpu, $10, $11, $16 }'
}

if has_target C && [ "$warmup" -gt 0 ]; then
  echo "== warm-up: ${warmup}s per workload and mode through shardwire (not measured)"
  for w in "${workload_list[@]}"; do for m in "${mode_list[@]}"; do
    run_one "$w" "$m" "${thread_counts[0]}" warmup C "$warmup" "$run_dir/warmup-$w-$m.log"
  done; done
fi

total=$(( ${#workload_list[@]} * ${#mode_list[@]} * ${#thread_counts[@]} * rounds * ${#target_list[@]} ))
echo "== $total runs of ${run_time}s (workloads: ${workload_list[*]}; modes: ${mode_list[*]}; threads: ${thread_counts[*]}; rounds: $rounds)"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for w in "${workload_list[@]}"; do
  for m in "${mode_list[@]}"; do
    for th in "${thread_counts[@]}"; do
      for ((r = 1; r <= rounds; r++)); do
        echo "-- oltp_$w, $m, $th threads, round $r/$rounds"
        for tg in "${target_list[@]}"; do
          run_one "$w" "$m" "$th" "$r" "$tg" "$run_time" "$run_dir/$w-$m-$th-r$r-$tg.log"
        done
      done
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
if has_target C && command -v curl >/dev/null; then
  curl -fsS "http://127.0.0.1:$admin_port/metrics" >"$run_dir/shardwire-metrics.txt" 2>/dev/null || true
fi

# ---------------------------------------------------------------------------------------------------
# Report
summary() { # the Markdown summary table from runs.tsv
  awk -F'\t' -v hz="$clk_tck" '
    NR == 1 { next }
    { key = $1 "\t" $2 "\t" $3
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      k = key SUBSEP $5; runs[k]++
      if ($6 != "ok") { failed[k]++; next }
      ok[k]++; qps[k] += $7; p95[k] += $8; q[k] += $9; ign[k] += $10; rec[k] += $11
      if ($5 == "B") cpu[k] += $12
      if ($5 == "C") cpu[k] += $13 }
    function mean(a, k) { return ok[k] ? a[k] / ok[k] : -1 }
    function num(v, fmt) { return v < 0 ? "error" : sprintf(fmt, v) }
    function ratio(x, y) { return (x < 0 || y <= 0) ? "–" : sprintf("%.2f", x / y) }
    function us(k) { return (ok[k] && q[k] > 0) ? sprintf("%.1f", cpu[k] / hz * 1e6 / q[k]) : (runs[k] ? "error" : "–") }
    function has(k) { return runs[k] > 0 }
    END {
      print "| workload | mode | threads | QPS A | QPS B | QPS C | C/B | C/A | p95 ms A | p95 ms B | p95 ms C | CPU µs/q B | CPU µs/q C | notes |"
      print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
      for (i = 1; i <= n; i++) {
        split(order[i], f, "\t"); a = order[i] SUBSEP "A"; b = order[i] SUBSEP "B"; c = order[i] SUBSEP "C"
        qa = has(a) ? mean(qps, a) : -2; qb = has(b) ? mean(qps, b) : -2; qc = has(c) ? mean(qps, c) : -2
        notes = ""
        split("A B C", ts, " ")
        for (j = 1; j <= 3; j++) {
          k = order[i] SUBSEP ts[j]
          if (failed[k]) notes = notes sprintf("%s%s: %d/%d runs failed", notes ? "; " : "", ts[j], failed[k], runs[k])
          if (ign[k] || rec[k]) notes = notes sprintf("%s%s: %d ignored errors, %d reconnects", notes ? "; " : "", ts[j], ign[k], rec[k])
        }
        printf "| oltp_%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3],
          cell(qa, "%.0f"), cell(qb, "%.0f"), cell(qc, "%.0f"), ratio(qc, qb), ratio(qc, qa),
          cell(has(a) ? mean(p95, a) : -2, "%.2f"), cell(has(b) ? mean(p95, b) : -2, "%.2f"),
          cell(has(c) ? mean(p95, c) : -2, "%.2f"), has(b) ? us(b) : "–", has(c) ? us(c) : "–", notes
      }
    }
    function cell(v, fmt) { return v == -2 ? "–" : num(v, fmt) }' "$runs_tsv"
}

per_run() { # every run as a Markdown table
  awk -F'\t' -v hz="$clk_tck" '
    NR == 1 { print "| workload | mode | threads | round | target | QPS | p95 ms | queries | errors | reconnects | haproxy µs/q | shardwire µs/q | MariaDB µs/q | shardwire RSS MB | other load | error |"
              print "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"; next }
    { qn = $9 > 0 ? $9 : 0
      hq = ($5 == "B" && qn) ? sprintf("%.1f", $12 / hz * 1e6 / qn) : ""
      pq = ($5 == "C" && qn) ? sprintf("%.1f", $13 / hz * 1e6 / qn) : ""
      dq = qn ? sprintf("%.1f", $14 / hz * 1e6 / qn) : ""
      msg = $18; gsub(/\|/, "\\|", msg)
      printf "| oltp_%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%% | %s |\n", $1, $2, $3, $4, $5,
        $6 == "ok" ? sprintf("%.0f", $7) : "error", $6 == "ok" ? $8 : "", $9, $10, $11, hq, pq, dq,
        $5 == "C" ? $17 : "", $16, msg }' "$runs_tsv"
}

errors() {
  awk -F'\t' -v dir="${run_dir#"$root"/}" 'NR > 1 && $6 != "ok" {
    printf "- oltp_%s, %s, %s threads, round %s, target %s: %s (log: %s/%s-%s-%s-r%s-%s.log)\n", $1, $2, $3, $4, $5, $18, dir, $1, $2, $3, $4, $5 }' "$runs_tsv"
}

{
  echo "# sysbench: MariaDB (A), haproxy TCP relay (B), shardwire (C)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: \`$command_line\`"
  echo "- machine: $ncpu cores ($(awk -F': ' '/^model name/{ print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/{ printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; MariaDB, haproxy, shardwire and sysbench share it; load average at start / end: $load_start / $load_end"
  echo "- versions: $(sysbench --version), $(haproxy -v | head -1 | cut -d' ' -f1-3), $(mariadbd --version | sed 's/^.*Ver //; s/ for .*//'), $("$java" -version 2>&1 | head -1); shardwire jar built $jar_built (work tree at the start of the run: $git_rev$git_dirty)"
  echo "- settings: ${run_time} s per run, $rounds round(s) interleaved A B C, ${warmup} s warm-up per workload and mode through shardwire; $tables tables × $table_size rows, --rand-type=$rand_type; prepared = --db-ps-mode=auto, text = --db-ps-mode=disable; shardwire JVM options: ${java_opts[*]}; backend_pool_size $((max_threads + 16))"
  echo "- QPS and p95: means over the rounds that succeeded; CPU µs/q: the relay process's utime+stime during its runs divided by the queries sysbench counted; other load: CPU used by other processes on the machine during the run"
  echo
  echo "## Summary"
  echo
  summary
  echo
  if [ "$(awk -F'\t' 'NR > 1 && $6 != "ok"' "$runs_tsv" | wc -l)" -gt 0 ]; then
    echo "## Errors"
    echo
    errors
    echo
  fi
  echo "## Every run"
  echo
  per_run
} >"$results"

echo
echo "== summary (also in ${results#"$root"/}; logs in ${run_dir#"$root"/})"
echo
summary
if [ "$(awk -F'\t' 'NR > 1 && $6 != "ok"' "$runs_tsv" | wc -l)" -gt 0 ]; then
  echo
  echo "Errors:"
  errors
fi
