#!/bin/sh
# Rewrites whole-snapshot rule test fixtures into lean form (a shared fixtures/base.json per rule directory, each
# fixture a patch against it or a sibling; docs/rule-dsl.md, "Lean fixtures"). Re-runnable: lean fixtures are read as
# what they stand for, so new whole snapshots are folded in; nothing is kept unless every fixture materialises to
# exactly the JSON it stood for before. Usage: rules/convert-fixtures.sh [DIR...] (default: the built-in pack).
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -o -q -pl core,rules test-compile
./mvnw -B -o -q -pl core dependency:build-classpath -Dmdep.outputFile=target/converter.classpath
exec java -cp "rules/target/test-classes:core/target/classes:$(cat core/target/converter.classpath)" \
  io.trailguard.rules.FixtureConverter "$@"
