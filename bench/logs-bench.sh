#!/usr/bin/env sh
# The logs validate benchmark: builds the CLI jar and this module (tests skipped), generates an organisation trail's
# log files and signed digests under bench/target/logs-org, and prints (and writes to bench/target/logs-bench.md)
# local-mode throughput against `zcat FILE | sha256sum` on every core, and S3-mode wall time against the latency
# floor on a stub S3. Options (defaults): --accounts 8 --regions 2 --hours 24 --files 12 --events 250
# --latency-ms 20 --concurrency 16 --reps 3 --dir bench/target/logs-org; --s3-only true skips the local measurement
# and adds listing alone on a synthetic bucket of --list-accounts 16 accounts (sequential against the parallel walk).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
./mvnw -B -q -P bench -DskipTests -pl bench -am package
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" io.trailguard.bench.LogsBench --root "$here" "$@"
