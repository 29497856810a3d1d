#!/usr/bin/env bash
# bench/jmh.sh — JMH microbenchmarks of the per-statement code paths (benchmarks/ module): tokenizer and
# digest, routing (full parse vs plan cache hit vs unsharded fast path), protocol codec, merge operators.
#
# Builds benchmarks/target/benchmarks.jar when it is missing (or with --build), finds a JDK 21+ like
# bin/shardwire does, and runs the jar with the given JMH options; without options:
#   -f 1 -wi 3 -i 5 -w 1s -r 1s
# Examples:
#   bench/jmh.sh                                  every benchmark, defaults above
#   bench/jmh.sh -f 1 -wi 2 -i 3 -w 1s -r 1s Router
#   bench/jmh.sh -h                               JMH's own options; -l lists the benchmarks
# Environment: JAVA_HOME.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"

build=false
if [ "${1-}" = "--build" ]; then
  build=true
  shift
fi
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 3 -i 5 -w 1s -r 1s
fi

JAVA_HOME="$("$root/bin/find-jdk")"
export JAVA_HOME

if $build || [ ! -f "$jar" ]; then
  echo "jmh.sh: building $jar ..." >&2
  (cd "$root" && ./mvnw -q -B install -DskipTests -pl benchmarks -am) >&2
fi
cd "$root"
# JMH 1.37 uses sun.misc.Unsafe, which JDK 24+ warns about at every start; the benchmark JVMs JMH forks
# inherit this JVM's options, so allowing it here silences them all.
major="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 |
  sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)"
jvm_opts=()
if [ "${major:-0}" -ge 23 ]; then
  jvm_opts+=(--sun-misc-unsafe-memory-access=allow)
fi
exec "$JAVA_HOME/bin/java" ${jvm_opts[@]+"${jvm_opts[@]}"} -jar "$jar" "$@"
