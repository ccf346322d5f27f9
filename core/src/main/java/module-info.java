/**
 * trailguard's engine: rule packs, snapshots, evaluation, findings and fixes, reports, IAM policy evaluation, log
 * integrity validation. Knows nothing of the AWS SDK or a CLI framework.
 *
 * <p>Exported to everyone: the packages whose package-info says they are API. The rule DSL, the engine, snapshot
 * indexing, relations, YAML reading, regular expressions, diagnostics and fix rendering are implementation: not
 * exported, or exported only to the trailguard modules that are built on them.
 *
 * @since 0.1.0
 */
module io.trailguard.core {
    requires com.fasterxml.jackson.databind;
    requires org.snakeyaml.engine;
    requires json.path;
    requires re2j;
    requires org.slf4j;

    exports io.trailguard.core;
    exports io.trailguard.core.fix;
    exports io.trailguard.core.integrity;
    exports io.trailguard.core.logs.events;
    exports io.trailguard.core.policy;
    exports io.trailguard.core.report;
    exports io.trailguard.core.suppress;
    exports io.trailguard.core.testing;

    exports io.trailguard.core.diag to io.trailguard.aws, io.trailguard.cli;
    exports io.trailguard.core.snapshot to io.trailguard.rules;
    exports io.trailguard.core.yaml to io.trailguard.rules, io.trailguard.cli;
}
