/**
 * Report writers (public API), each a final class with a static {@code render(ScanResult, ...)} returning the whole
 * document as a string: human text grouped by severity with fixes (optionally in ANSI colour), JSON, SARIF 2.1.0,
 * JUnit XML, AWS Security Finding Format (for Security Hub), OCSF Compliance Findings, and a self-contained HTML page.
 * Every writer shows suppressed findings as suppressed. Output is deterministic: timestamps come from the snapshot,
 * never the clock. Files are written whole or not at all ({@link io.trailguard.core.report.AtomicFiles}).
 *
 * @since 0.1.0
 */
package io.trailguard.core.report;
