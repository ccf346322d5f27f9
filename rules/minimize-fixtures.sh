#!/bin/sh
# Makes each built-in rule test fixture state only the facts its tests stand on (docs/rule-dsl.md, "Lean fixtures"):
# drops what no case's findings depend on, keeps policies, selectors and source notes whole, and writes nothing
# unless every case of the pack gives the same result as before. Usage: rules/minimize-fixtures.sh [PATH_SUBSTRING]
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -o -q -pl core,rules test-compile dependency:build-classpath -Dmdep.outputFile=target/minimizer.classpath
exec java -cp "rules/src/main/resources:rules/target/test-classes:rules/target/classes:core/target/classes:$(cat rules/target/minimizer.classpath)" \
  io.trailguard.rules.FixtureMinimizer "$@"
