#!/usr/bin/env sh
# The benchmarks in one command: builds core, rules, the CLI jar and this module (tests skipped), generates the
# synthetic organisations, runs every measurement in child JVMs and prints one table (also written to
# bench/target/bench-results.md), then the JMH micro-benchmarks.
# Options: --sizes 1000,10000,100000 --reps 3 --warmup 2 --measured 3 --starts 10 --no-heap --no-config-rule --no-jmh
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
./mvnw -B -q -P bench -DskipTests -pl bench -am package
exec java -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" io.trailguard.bench.BenchMain --root "$here" "$@"
