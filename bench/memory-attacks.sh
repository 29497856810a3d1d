#!/usr/bin/env bash
# bench/memory-attacks.sh — can a client exhaust the proxy's memory or stall other clients?
#
# Reruns the memory attacks of the security issue against shardwire as bin/shardwire starts it (its JVM
# options: -Xmx1g -XX:+UseZGC, or SHARDWIRE_JAVA_OPTS; bin/shardwire builds the jar when it is stale). Starts,
# on free loopback ports, two MariaDB servers (the system mariadbd, throw-away datadirs under bench/target/,
# max_allowed_packet 64M so that the backends are not what limits a statement) and `bin/shardwire --config`
# with both as hash shards s0 and s1 of database shop (max_allowed_packet: 64M, no TLS); loads
# customers(id INT PRIMARY KEY, name VARCHAR(40)), hash-sharded on id, through the proxy. A victim load
# (bench/memory-attacks-client.py victim: 4 connections, point selects with 5 ms pauses) runs throughout;
# its per-query latency is taken over a quiet baseline window and over each attack's window.
#   1  one client sends a 2 MB SELECT COUNT(*) FROM customers WHERE id IN (1,1,...) (answer: 1 or an error)
#   2  three clients each send such a statement of 16 MB at once
#   3  24 sockets that never log in each send the header of a 16 MB frame and 16 MB of bytes, then hold the
#      socket open 20 s: are they closed, and when?
#   4  8 logged-in clients each start a 16 MB packet and stall halfway (8 MB sent, then nothing), held up to
#      STALL_HOLD_S: are they closed, and when?
#   5  after all of them: the proxy is alive, a new login runs SELECT 1 within 2 s, GET /health answers 200
# During each attack the proxy's heap (sum of jvm_memory_used_bytes{area="heap"}) and direct memory
# (jvm_buffer_memory_used_bytes{id="direct"}, or Netty's own direct-memory gauge when /metrics has a larger
# one) and, where the proxy exports it, the client packet bytes it holds (shardwire_client_packet_buffer_bytes,
# "buffered") from GET /metrics on its admin port, and its RSS (VmRSS, /proc/PID/status), are sampled every 0.5 s
# (jcmd GC.heap_info stands in for the heap when /metrics does not answer). It prints, per attack, the
# outcome, the peaks, the victims' p50/p99 (baseline vs during) and PASS or FAIL against the thresholds at
# the top of this script, then a summary table, also written to bench/target/memory-attacks-<timestamp>.md
# with the samples, the victims' log and the logs under bench/target/memory-attacks-<timestamp>/.
# A proxy that died during an attack is restarted for the next one (and that attack and attack 5 FAIL).
# Everything it started is stopped on exit, also on Ctrl-C or failure. Exit status 0 only if all PASS.
#
# PASS for an attack: the proxy is alive after it and logged no OutOfMemoryError; no victim query failed,
# timed out or lost its connection; the victims' p99 during the attack is under max(P99_FACTOR x baseline p99,
# P99_FLOOR_MS); the direct-memory peak is under DIRECT_LIMIT_MB; and (1, 2) every bad statement got
# COUNT(*) = 1 or a MySQL error (not an internal error for an OutOfMemoryError) within STATEMENT_LIMIT_S,
# (3) every socket was refused or closed within UNAUTH_CLOSE_LIMIT_S of the attack's start, (4) every stalled
# client was closed within STALL_CLOSE_LIMIT_S. After each attack it waits (up to RECOVER_LIMIT_S) for the heap
# to fall back near the baseline, so that one attack's leftovers do not land in the next one's window.
#
# Direct memory: Netty 4.2 on JDK 24+ runs without sun.misc.Unsafe by default and then buffers client bytes
# in heap ByteBufs, so on such a JDK the direct column stays near 0 and the heap column shows the buffering.
# A Netty that allocates direct memory through Unsafe without a Cleaner is not counted by the JDK's pool
# either; the proxy's /metrics would need a Netty gauge for that (picked up here when it appears).
#
# Needs: mariadb-server and mariadb-client (Debian packages), curl, python3, a JDK 21+ (bin/find-jdk).
#
# Usage: bench/memory-attacks.sh [options]
#   --quick               shorter run: 1,000 rows, a 5 s baseline, shorter pauses between attacks
#                         (the attacks themselves are the same, so the verdicts compare)
#   --server-option K=V   add `K: V` to the config's server: section (repeatable), e.g. to try
#                         net_read_timeout_ms=5000 on a proxy that knows the key
#   --keep-datadir        keep the MariaDB datadirs after the run
# Environment: SHARDWIRE_JAVA_OPTS (passed on to bin/shardwire), JAVA_HOME.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

# ---------------------------------------------------------------------------------------------------
# Thresholds (PASS/FAIL) and the attacks' sizes
DIRECT_LIMIT_MB=256          # direct-memory peak during an attack
P99_FACTOR=10                # victims' p99 during an attack under max(P99_FACTOR x baseline, P99_FLOOR_MS)
P99_FLOOR_MS=200
STATEMENT_LIMIT_S=60         # a bad statement's answer (rows or error) within this
UNAUTH_CLOSE_LIMIT_S=15      # unauthenticated sockets refused or closed within this (from the attack's start)
STALL_CLOSE_LIMIT_S=40       # stalled half-sent packets closed within this
LOGIN_LIMIT_S=2              # attack 5: a new login and SELECT 1 within this
RECOVER_LIMIT_S=90           # after an attack, wait up to this for the heap to fall back near the baseline
RECOVER_MARGIN_MB=128        #   (baseline peak + this), so that one attack's leftovers do not fill the next window
UNAUTH_HOLD_S=20             # how long attack 3 holds its sockets
STALL_HOLD_S=$((STALL_CLOSE_LIMIT_S + 5))
SMALL_STATEMENT=$((2 * 1024 * 1024))
BIG_STATEMENT=$((16 * 1024 * 1024))
BIG_CLIENTS=3
UNAUTH_SOCKETS=24
STALL_CLIENTS=8
FRAME=$((16 * 1024 * 1024))  # a 16 MB frame: its header says 0xFFFFFF (the largest), 16 MB - 1 bytes follow
VICTIMS=4

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command_line="bench/memory-attacks.sh${*:+ $*}"
rows=5000
baseline_s=15
warmup_s=15
settle_s=5
keep_datadir=false
server_options=()

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "memory-attacks.sh: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rows=1000; baseline_s=5; warmup_s=5; settle_s=2; shift ;;
    --server-option)
      need_value "$@"
      [[ "$2" =~ ^[a-z_]+=.+$ ]] || die "--server-option: '$2' is not KEY=VALUE"
      server_options+=("$2"); shift 2 ;;
    --keep-datadir) keep_datadir=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

for c in mariadbd mariadb-install-db mariadb curl python3; do
  command -v "$c" >/dev/null || die "'$c' not found: install the Debian packages mariadb-server mariadb-client curl python3"
done

stamp=$(date -u +%Y%m%d-%H%M%S)
git_rev=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$(cd "$root" && git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " with uncommitted changes" || true)
out_dir="$root/bench/target"
run_dir="$out_dir/memory-attacks-$stamp"
results="$out_dir/memory-attacks-$stamp.md"
samples="$run_dir/samples.tsv"
victim_log="$run_dir/victims.tsv"
client="$root/bench/memory-attacks-client.py"
mkdir -p "$run_dir"

# ---------------------------------------------------------------------------------------------------
# Processes: every one started here is recorded and stopped on exit, whatever the reason.
db_pids=() proxy_pid="" victim_pid="" sampler_pid="" attack_pid=""

script=memory-attacks.sh
taken_ports=" "
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cleanup() {
  trap - EXIT INT TERM
  stop_pid "$attack_pid" 5
  stop_pid "$victim_pid" 5
  stop_pid "$sampler_pid" 2
  stop_pid "$proxy_pid" 15
  for pid in ${db_pids[@]+"${db_pids[@]}"}; do stop_pid "$pid" 60; done
  if [ "$keep_datadir" = false ]; then rm -rf "$run_dir"/datadir-*; fi
  rm -f "$run_dir"/*.sock
}
trap cleanup EXIT
trap 'echo "memory-attacks.sh: interrupted" >&2; exit 130' INT TERM

now() { date +%s.%N | cut -c1-14; } # epoch seconds with 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

java_home="$("$root/bin/find-jdk")" || die "no JDK 21+ found (see bin/find-jdk)"
jcmd="$java_home/bin/jcmd"

# ---------------------------------------------------------------------------------------------------
# Two MariaDB servers: the shards s0 and s1
db_ports=()
start_mariadb() { # index
  local i=$1 port datadir
  port=$(free_port)
  datadir="$run_dir/datadir-$i"
  mariadb-install-db --no-defaults --user=root --datadir="$datadir" --auth-root-authentication-method=normal \
    --skip-test-db >"$run_dir/mariadb-install-db-$i.log" 2>&1 \
    || die "mariadb-install-db failed: see $run_dir/mariadb-install-db-$i.log"
  mariadbd --no-defaults --user=root --datadir="$datadir" --socket="$run_dir/mariadb-$i.sock" --port="$port" \
    --bind-address=127.0.0.1 --pid-file="$run_dir/mariadbd-$i.pid" --log-error="$run_dir/mariadbd-$i.err" \
    --skip-name-resolve --max-connections=500 --innodb-buffer-pool-size=64M --max-allowed-packet=64M \
    >"$run_dir/mariadbd-$i.out" 2>&1 &
  db_pids+=($!)
  db_ports+=("$port")
}
echo "== MariaDB: two servers (datadirs in $run_dir)"
start_mariadb 0
start_mariadb 1
for i in 0 1; do
  wait_for_sql "MariaDB $i" "${db_pids[$i]}" 60 --socket="$run_dir/mariadb-$i.sock" -uroot || die "MariaDB $i did not start"
  mariadb --no-defaults --socket="$run_dir/mariadb-$i.sock" -uroot <<SQL
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE shop;
CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(40));
SQL
  echo "   mariadbd pid ${db_pids[$i]} on 127.0.0.1:${db_ports[$i]} (shard s$i)"
done

# ---------------------------------------------------------------------------------------------------
# shardwire, as bin/shardwire starts it
proxy_port=$(free_port)
admin_port=$(free_port)
{
  echo "# generated by bench/memory-attacks.sh: two hash shards, customers hashed on id"
  echo "server:"
  echo "  bind: 127.0.0.1"
  echo "  port: $proxy_port"
  echo "  admin_port: $admin_port"
  echo "  tls: { enabled: false }"
  echo "  max_allowed_packet: 64M"
  echo "  max_connections: 1000"
  echo "  drain_timeout_ms: 2000"
  for kv in ${server_options[@]+"${server_options[@]}"}; do echo "  ${kv%%=*}: ${kv#*=}"; done
  echo "users:"
  echo "  - { name: app, password: app }"
  echo "backends:"
  echo "  s0: { primary: \"mysql://root:@127.0.0.1:${db_ports[0]}\" }"
  echo "  s1: { primary: \"mysql://root:@127.0.0.1:${db_ports[1]}\" }"
  echo "databases:"
  echo "  shop:"
  echo "    default_shard: s0"
  echo "    tables:"
  echo "      customers: { shard_by: hash, key: id }"
} >"$run_dir/shardwire.yaml"
proxy_sql=(-h127.0.0.1 -P"$proxy_port" -uapp -papp shop)
proxy_starts=0
start_proxy() {
  proxy_starts=$((proxy_starts + 1))
  echo "---- start $proxy_starts $(date -u '+%H:%M:%S')" >>"$run_dir/shardwire.log"
  "$root/bin/shardwire" --config "$run_dir/shardwire.yaml" >>"$run_dir/shardwire.log" 2>&1 &
  proxy_pid=$! # bin/shardwire execs java: this is the JVM's pid once it runs
  # the first start may build the jar (bin/shardwire does when the sources are newer)
  if ! wait_for_sql shardwire "$proxy_pid" 900 "${proxy_sql[@]}"; then
    tail -5 "$run_dir/shardwire.log" | sed 's/^/   | /' >&2
    stop_pid "$proxy_pid" 5; proxy_pid=""; return 1
  fi
  for _ in $(seq 1 40); do curl -fsS -o /dev/null "http://127.0.0.1:$admin_port/metrics" 2>/dev/null && break; sleep 0.25; done
  echo "   shardwire pid $proxy_pid on 127.0.0.1:$proxy_port (admin $admin_port), JVM: $(tr '\0' ' ' <"/proc/$proxy_pid/cmdline" | sed 's/ -jar .*//; s/^[^ ]* //')"
}
echo "== shardwire: bin/shardwire --config $run_dir/shardwire.yaml"
start_proxy || die "shardwire did not start (log: $run_dir/shardwire.log)"
proxy_cmdline=$(tr '\0' ' ' <"/proc/$proxy_pid/cmdline")

echo "== loading $rows customers through the proxy"
seq 1 "$rows" | awk -v n=500 '
  (NR - 1) % n == 0 { if (NR > 1) print ";"; printf "INSERT INTO customers (id, name) VALUES (%d, \"customer-%d\")", $1, $1; next }
  { printf ", (%d, \"customer-%d\")", $1, $1 }
  END { print ";" }' | mariadb --no-defaults "${proxy_sql[@]}" >"$run_dir/load.log" 2>&1 \
  || die "loading the rows failed: $(tail -2 "$run_dir/load.log")"
counts=""
for i in 0 1; do
  counts+="$(mariadb --no-defaults --socket="$run_dir/mariadb-$i.sock" -uroot -Nse 'SELECT COUNT(*) FROM shop.customers') "
done
echo "   rows per shard: $counts"

# ---------------------------------------------------------------------------------------------------
# Measuring: a sampler (every 0.5 s) and the victims, both for the whole run
metric_values() { # /metrics on stdin -> "heap_bytes direct_bytes buffered_bytes" (blank when absent)
  awk '
    /^jvm_memory_used_bytes\{/ && /area="heap"/ { heap += $NF; h = 1 }
    /^jvm_buffer_memory_used_bytes\{/ && /id="direct"/ { if ($NF > direct) direct = $NF; d = 1 }
    /^netty[a-z_]*direct[a-z_]*(used|memory)[a-z_]*(\{| )/ || (/^netty[a-z_]*(used|memory)/ && /direct/) {
      if ($NF > direct) direct = $NF; d = 1 }
    /^shardwire_client_packet_buffer_bytes[ {]/ { buffered += $NF; b = 1 }
    END { printf "%s %s %s\n", h ? sprintf("%.0f", heap) : "-", d ? sprintf("%.0f", direct) : "-", b ? sprintf("%.0f", buffered) : "-" }'
}
sampler() {
  local t values heap direct buffered rss
  while :; do
    t=$(now)
    values=$(curl -fsS -m 1 "http://127.0.0.1:$admin_port/metrics" 2>/dev/null | metric_values || true)
    read -r heap direct buffered <<<"$values" || true
    [ "${heap:-}" != - ] || heap=""; [ "${direct:-}" != - ] || direct=""; [ "${buffered:-}" != - ] || buffered=""
    if [ -z "${heap:-}" ] && [ -n "$proxy_pid" ]; then # /metrics did not answer: ask the JVM
      heap=$(timeout 2 "$jcmd" "$proxy_pid" GC.heap_info 2>/dev/null \
        | awk 'match($0, / used [0-9]+[KMG]/) { s = substr($0, RSTART + 6, RLENGTH - 6); u = substr(s, length(s)); v = s + 0
               v *= (u == "K" ? 1024 : u == "M" ? 1048576 : 1073741824); printf "%.0f", v; exit }' || true)
    fi
    rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 * 1024 }' "/proc/$proxy_pid/status" 2>/dev/null || true)
    printf '%s\t%s\t%s\t%s\t%s\n' "$t" "${heap:-}" "${direct:-}" "${rss:-}" "${buffered:-}" >>"$samples"
    sleep 0.5
  done
}
printf 'epoch\theap_bytes\tdirect_bytes\trss_bytes\tbuffered_bytes\n' >"$samples"
# the sampler reads proxy_pid when it starts: restart it with the proxy
start_sampler() { stop_pid "$sampler_pid" 2; sampler & sampler_pid=$!; }
start_sampler
if ! curl -fsS "http://127.0.0.1:$admin_port/metrics" | grep -q '^jvm_buffer_memory_used_bytes{.*id="direct"'; then
  echo "   (no jvm_buffer_memory_used_bytes{id=\"direct\"} in /metrics: direct memory will show as –)"
fi

: >"$victim_log"
python3 "$client" victim 127.0.0.1 "$proxy_port" app app shop "$VICTIMS" "$rows" "$victim_log" \
  >"$run_dir/victims.out" 2>&1 &
victim_pid=$!

peaks() { # from to -> "heap_mb direct_mb rss_mb buffered_mb" (– when there was no reading)
  awk -F'\t' -v a="$1" -v b="$2" '
    NR > 1 && $1 >= a && $1 <= b {
      if ($2 != "" && $2 > h) h = $2; if ($2 != "") hn = 1
      if ($3 != "" && $3 > d) d = $3; if ($3 != "") dn = 1
      if ($4 != "" && $4 > r) r = $4; if ($4 != "") rn = 1
      if ($5 != "" && $5 > c) c = $5; if ($5 != "") cn = 1 }
    END { printf "%s %s %s %s\n", hn ? sprintf("%.0f", h / 1048576) : "–", dn ? sprintf("%.0f", d / 1048576) : "–",
                              rn ? sprintf("%.0f", r / 1048576) : "–", cn ? sprintf("%.0f", c / 1048576) : "–" }' "$samples"
}
victim_stats() { # from to -> "queries p50 p99 failed" over the victim queries started in [from, to]
  # a query still running at "to" is waited for (each has a 30 s socket timeout)
  local waited=0
  while [ "$waited" -lt 70 ]; do
    awk -F'\t' -v b="$2" '$1 > b { found = 1; exit } END { exit !found }' "$victim_log" && break
    alive "$victim_pid" || break
    sleep 0.5; waited=$((waited + 1))
  done
  awk -F'\t' -v a="$1" -v b="$2" '$1 >= a && $1 <= b { print $2 "\t" $3 }' "$victim_log" | sort -g | awk -F'\t' '
    { ms[NR] = $1; if ($2 != "ok") bad++ }
    END {
      if (NR == 0) { print "0 – – 0"; exit }
      i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999)
      printf "%d %.1f %.1f %d\n", NR, ms[i50], ms[i99], bad + 0 }'
}
victim_failures() { # from to -> the first few failed victim queries' details, "; "-separated
  awk -F'\t' -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $3 != "ok" { n++; if (n <= 2) s = s (s ? " | " : "") $3 ": " $5 }
    END { if (n) printf "%d victim queries failed (%s)", n, s }' "$victim_log"
}

echo "== baseline: victims alone for ${baseline_s}s after ${warmup_s}s of warm-up"
sleep "$warmup_s"
base_from=$(now); sleep "$baseline_s"; base_to=$(now)
read -r base_n base_p50 base_p99 base_bad <<<"$(victim_stats "$base_from" "$base_to")"
read -r base_heap base_direct base_rss base_buffered <<<"$(peaks "$base_from" "$base_to")"
[ "$base_n" -gt 0 ] || die "the victims ran no query in the baseline window (see $run_dir/victims.out)"
p99_bound=$(awk -v b="$base_p99" -v f="$P99_FACTOR" -v m="$P99_FLOOR_MS" 'BEGIN { x = b * f; printf "%.0f", (x > m ? x : m) }')
echo "   $base_n victim queries, p50 $base_p50 ms, p99 $base_p99 ms ($base_bad failed); heap $base_heap MB, direct $base_direct MB, RSS $base_rss MB"
echo "   victims' p99 bound during attacks: $p99_bound ms"

# ---------------------------------------------------------------------------------------------------
# The attacks
table_rows=()
restarted_after=""
outcome_summary() { # client output on stdin -> "N outcome (a-b s): detail; ..." grouped by outcome
  awk -F'\t' '!/^#/ && NF >= 3 {
      o = $2; n[o]++; if (!(o in lo) || $3 < lo[o]) lo[o] = $3; if (!(o in hi) || $3 > hi[o]) hi[o] = $3
      d = $4; sub(/ \((all sent|sending blocked) at [0-9.]+ s\)$/, "", d)
      if (length(d) > 140) d = substr(d, 1, 137) "..."
      if (!(o in det)) det[o] = d }
    END { for (o in n) { s = s (s ? "; " : "") n[o] " " o " at " (lo[o] == hi[o] ? lo[o] : lo[o] "-" hi[o]) " s" \
                          (det[o] != "" ? " (" det[o] ")" : "") }
          print s }'
}
oom_lines() { grep -c OutOfMemoryError "$run_dir/shardwire.log" 2>/dev/null || true; }
max_seconds() { awk -F'\t' '!/^#/ && NF >= 3 && $3 > m { m = $3 } END { print m + 0 }'; }

# run_attack NUMBER NAME CHECK -- client arguments: runs the client, then judges the window
run_attack() {
  local number=$1 name=$2 check=$3 from to out reasons=() outcome n p50 p99 bad heap direct rss buffered fails
  shift 4
  out="$run_dir/attack-$number.out"
  echo "== attack $number: $name"
  from=$(now)
  local oom_before
  oom_before=$(oom_lines)
  python3 "$client" "$@" >"$out" 2>"$run_dir/attack-$number.err" &
  attack_pid=$!
  wait "$attack_pid" || reasons+=("the attack client failed: $(tail -1 "$run_dir/attack-$number.err")")
  attack_pid=""
  to=$(now)
  sed -n 's/^# /   /p' "$out"
  outcome=$(outcome_summary <"$out")
  read -r n p50 p99 bad <<<"$(victim_stats "$from" "$to")"
  read -r heap direct rss buffered <<<"$(peaks "$from" "$to")"
  # the verdict
  if ! alive "$proxy_pid"; then
    reasons+=("the proxy died$(grep -q OutOfMemoryError "$run_dir/shardwire.log" && echo ' (OutOfMemoryError in its log)' || true)")
  fi
  local oom_now
  oom_now=$(oom_lines)
  [ "$oom_now" -le "$oom_before" ] || reasons+=("OutOfMemoryError in the proxy's log ($((oom_now - oom_before)) lines)")
  fails=$(victim_failures "$from" "$to")
  [ -z "$fails" ] || reasons+=("$fails")
  if [ "$p99" != "–" ] && awk -v p="$p99" -v b="$p99_bound" 'BEGIN { exit !(p > b) }'; then
    reasons+=("victims' p99 $p99 ms over $p99_bound ms")
  fi
  [ "$n" -gt 0 ] || reasons+=("no victim query completed")
  if [ "$direct" != "–" ] && [ "$direct" -ge "$DIRECT_LIMIT_MB" ]; then reasons+=("direct memory peaked at $direct MB (limit $DIRECT_LIMIT_MB)"); fi
  case "$check" in
    statement)
      if grep -Ev '^#' "$out" | awk -F'\t' '$2 != "ok" && $2 != "error"' | grep -q .; then
        reasons+=("a statement got neither COUNT(*) = 1 nor a MySQL error")
      fi
      if grep -Ev '^#' "$out" | awk -F'\t' '$2 == "error" && /OutOfMemoryError/' | grep -q .; then
        reasons+=("a statement was answered with the proxy's OutOfMemoryError, not a clear error")
      fi
      awk -v m="$(max_seconds <"$out")" -v l="$STATEMENT_LIMIT_S" 'BEGIN { exit !(m <= l) }' \
        || reasons+=("a statement took over $STATEMENT_LIMIT_S s") ;;
    unauth|stall)
      local limit=$UNAUTH_CLOSE_LIMIT_S
      [ "$check" = unauth ] || limit=$STALL_CLOSE_LIMIT_S
      if grep -Ev '^#' "$out" | awk -F'\t' -v l="$limit" \
           '!($2 == "refused" || $2 == "closed" || $2 == "closed-while-sending") || $3 > l' | grep -q .; then
        reasons+=("not every socket was refused or closed within $limit s")
      fi ;;
  esac
  local verdict=PASS
  [ ${#reasons[@]} -eq 0 ] || verdict=FAIL
  echo "   outcome: $outcome"
  echo "   peaks: heap $heap MB, direct $direct MB, RSS $rss MB, buffered client packets $buffered MB; victims: $n queries, p50 $p50 ms, p99 $p99 ms (baseline $base_p50 / $base_p99)"
  local verdict_text="$verdict${reasons[*]:+: $(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g')}" after
  echo "   $verdict_text"
  if ! alive "$proxy_pid"; then
    restarted_after+="${restarted_after:+, }$number"
    tail -5 "$run_dir/shardwire.log" | sed 's/^/   | /'
    echo "   restarting the proxy for what follows"
    proxy_pid=""
    start_proxy || die "shardwire did not restart"
    start_sampler
    after="proxy restarted"
  else
    recover
    after=$recovery
  fi
  table_rows+=("| $number $name | $outcome; $after | $heap | $direct | $buffered | $rss | $base_p50 / $base_p99 vs $p50 / $p99 | $verdict_text |")
  sleep "$settle_s"
}

recovery=""
recover() { # wait until the last 2 s of samples show the heap back under the baseline peak + margin
  local since limit_bytes t0 last
  t0=$(now)
  limit_bytes=$(awk -v b="$base_heap" -v m="$RECOVER_MARGIN_MB" 'BEGIN { printf "%.0f", ((b == "–" ? 0 : b) + m) * 1048576 }')
  while :; do
    sleep 1
    since=$(awk -v t="$(now)" 'BEGIN { printf "%.3f", t - 2 }')
    last=$(awk -F'\t' -v a="$since" 'NR > 1 && $1 >= a && $2 != "" { if ($2 > m) m = $2; n++ } END { if (n) printf "%.0f", m; else print "" }' "$samples")
    if [ -n "$last" ] && [ "$last" -lt "$limit_bytes" ]; then
      recovery="heap back under $((limit_bytes / 1048576)) MB $(elapsed "$t0" "$(now)") s later"; echo "   $recovery"; return
    fi
    if awk -v a="$t0" -v b="$(now)" -v l="$RECOVER_LIMIT_S" 'BEGIN { exit !(b - a >= l) }'; then
      recovery="heap still $(( ${last:-0} / 1048576 )) MB ${RECOVER_LIMIT_S} s later"; echo "   $recovery: going on"; return
    fi
  done
}

run_attack 1 "2 MB IN list, 1 client" statement -- \
  bigin 127.0.0.1 "$proxy_port" app app shop "$SMALL_STATEMENT" 1 "$STATEMENT_LIMIT_S"
run_attack 2 "16 MB IN list, $BIG_CLIENTS clients at once" statement -- \
  bigin 127.0.0.1 "$proxy_port" app app shop "$BIG_STATEMENT" "$BIG_CLIENTS" "$STATEMENT_LIMIT_S"
run_attack 3 "$UNAUTH_SOCKETS unauthenticated 16 MB frames, held ${UNAUTH_HOLD_S}s" unauth -- \
  unauth 127.0.0.1 "$proxy_port" "$UNAUTH_SOCKETS" "$FRAME" "$UNAUTH_HOLD_S"
run_attack 4 "$STALL_CLIENTS clients stall halfway into 16 MB, held ${STALL_HOLD_S}s" stall -- \
  stall 127.0.0.1 "$proxy_port" app app shop "$STALL_CLIENTS" "$FRAME" $((FRAME / 2)) "$STALL_HOLD_S"

# 5: still serving?
echo "== attack 5: after the attacks"
reasons=()
alive "$proxy_pid" || reasons+=("the proxy is not running")
[ -z "$restarted_after" ] || reasons+=("the proxy died during attack $restarted_after and was restarted")
t0=$(now)
login_answer=$(timeout "$LOGIN_LIMIT_S" mariadb --no-defaults --connect-timeout="$LOGIN_LIMIT_S" "${proxy_sql[@]}" -Nse 'SELECT 1' 2>&1) || true
login_s=$(elapsed "$t0" "$(now)")
[ "$login_answer" = 1 ] || reasons+=("a new login's SELECT 1 failed or took over $LOGIN_LIMIT_S s: ${login_answer:-no answer}")
health=$(curl -s -m 5 -o "$run_dir/health.json" -w '%{http_code}' "http://127.0.0.1:$admin_port/health" || true)
[ "$health" = 200 ] || reasons+=("GET /health answered ${health:-nothing}")
sleep 1 # at least one sample
read -r heap direct rss buffered <<<"$(peaks "$t0" "$(now)")"
verdict=PASS
[ ${#reasons[@]} -eq 0 ] || verdict=FAIL
outcome="login + SELECT 1 in $login_s s ($( [ "$login_answer" = 1 ] && echo ok || echo failed)), /health $health"
echo "   outcome: $outcome"
echo "   $verdict${reasons[*]:+: $(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g')}"
table_rows+=("| 5 alive after all | $outcome | $heap | $direct | $buffered | $rss | – | $verdict${reasons[*]:+: $(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g')} |")

# ---------------------------------------------------------------------------------------------------
# Report
table() {
  echo "| attack | outcome | peak heap MB | peak direct MB | peak buffered MB | peak RSS MB | victim p50 / p99 ms (baseline vs during) | result |"
  echo "|---|---|---:|---:|---:|---:|---|---|"
  echo "| baseline (${baseline_s}s, victims only) | $base_n queries | $base_heap | $base_direct | $base_buffered | $base_rss | $base_p50 / $base_p99 | – |"
  printf '%s\n' "${table_rows[@]}"
}
{
  echo "# Memory attacks against shardwire"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: \`$command_line\`"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/^model name/{ print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/{ printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- versions: $(mariadbd --version | sed 's/^.*Ver //; s/ for .*//'), $("$java_home/bin/java" -version 2>&1 | sed -n 1p); work tree at $git_rev$git_dirty"
  echo "- proxy: \`${proxy_cmdline}\`"
  echo "- $rows rows on two shards ($counts), $VICTIMS victim connections; thresholds: direct < $DIRECT_LIMIT_MB MB, victims' p99 < $p99_bound ms (max of ${P99_FACTOR}x baseline, $P99_FLOOR_MS ms), statements answered within $STATEMENT_LIMIT_S s, unauthenticated sockets closed within $UNAUTH_CLOSE_LIMIT_S s, stalled ones within $STALL_CLOSE_LIMIT_S s"
  [ ${#server_options[@]} -eq 0 ] || echo "- extra server options: ${server_options[*]}"
  echo
  table
  echo
  for n in 1 2 3 4; do
    echo "Attack $n, per client (index, outcome, seconds, detail):"
    echo '```'
    cat "$run_dir/attack-$n.out"
    echo '```'
  done
  echo
  echo "Samples, victims' queries and logs: \`${run_dir#"$root"/}/\`"
} >"$results"

echo
echo "== result (also in ${results#"$root"/}; logs in ${run_dir#"$root"/})"
echo
table
! grep -q '| FAIL' "$results"
