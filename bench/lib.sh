# Shared by the scripts in bench/: process control and readiness checks. Source it after setting `script`
# (the calling script's name, for messages), `run_dir` (where logs go), `taken_ports` (ports handed out so far,
# space-separated) and a `die` function.

alive() { # pid: running (a child that exited stays a zombie until waited for, and kill -0 still succeeds)
  local stat
  [ -n "$1" ] && stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

stop_pid() { # pid seconds: SIGTERM, wait, then SIGKILL
  local pid=$1 waited=0
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" && [ "$waited" -lt $(($2 * 10)) ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

free_port() {
  local p tries=0
  while [ $tries -lt 500 ]; do
    p=$((20000 + RANDOM % 12000)); tries=$((tries + 1))
    [[ "$taken_ports" == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then taken_ports+="$p "; echo "$p"; return; fi
  done
  die "no free port found"
}

wait_for_sql() { # what pid seconds mariadb-client-args...: poll until a SELECT 1 works; fails if pid exits
  local what=$1 pid=$2 seconds=$3 i=0; shift 3
  until mariadb --no-defaults --connect-timeout=2 "$@" -Nse 'SELECT 1' >/dev/null 2>&1; do
    i=$((i + 1))
    if ! alive "$pid"; then
      echo "$script: $what exited while starting (logs in $run_dir)" >&2; return 1
    fi
    if [ $i -gt $((seconds * 4)) ]; then
      echo "$script: $what did not accept connections within ${seconds}s (logs in $run_dir)" >&2; return 1
    fi
    sleep 0.25
  done
}
