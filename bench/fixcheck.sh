#!/usr/bin/env sh
# Measures the printed fixes against moto_server: examples/acme-org.json is built in moto (bench/moto/build_org.py),
# collected and scanned; then every failing finding's own fix, as printed, is run with the AWS CLI on a fresh build,
# the organisation collected and scanned again, and counted turned PASS / still FAIL / command failed; then the whole
# fix script. Needs moto_server, the AWS CLI and python3 with boto3 on PATH. Writes the table to the file given
# (default target/fix-verification.md) and prints it. See docs/fix-verification.md.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/target/fix-verification.md}
mkdir -p "$(dirname "$out")"
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
cd "$here"
./mvnw -B -q -pl cli -am test -Dtest=MotoFixTierTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtrailguard.fixcheck="$out" >&2
cat "$out"
