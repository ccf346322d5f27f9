package io.trailguard.cli;

import io.trailguard.core.Finding;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import java.io.PrintWriter;

/**
 * The exit code of a scan. A finding that is UNKNOWN at or above {@code --fail-on} fails the scan like a FAIL unless
 * {@code --unknown-ok}: a CI job must notice a scan that could not read what it checks (a snapshot of nothing but
 * collection errors would otherwise pass). A snapshot of nothing but collection errors exits
 * {@link ExitCodes#NOTHING_READ}, as {@code collect} does, even with {@code --fail-on none}, which otherwise never
 * fails the scan ({@code failOn} is {@code null}).
 */
final class ScanExit {
    private ScanExit() {
    }

    static int code(ScanResult result, Snapshot snapshot, Severity failOn, boolean unknownOk, PrintWriter err) {
        if (snapshot.resources().isEmpty() && !snapshot.errors().isEmpty()) {
            err.println("trailguard: the snapshot holds no resource, only " + snapshot.errors().size()
                    + " collection error(s): nothing could be read, so nothing was checked; exit "
                    + ExitCodes.NOTHING_READ + ".");
            return ExitCodes.NOTHING_READ;
        }
        if (failOn == null) {
            return ExitCodes.OK; // --fail-on none: findings never fail the scan
        }
        if (result.hasFailuresAtOrAbove(failOn)) {
            return ExitCodes.FINDINGS;
        }
        long unknown = result.findings().stream().filter(f -> isOpenUnknown(f) && f.severity().atLeast(failOn)).count();
        if (unknown > 0 && !unknownOk) {
            err.println("trailguard: " + unknown + " finding(s) at or above " + failOn.label()
                    + " are UNKNOWN because their inputs could not be read; exit " + ExitCodes.FINDINGS
                    + " (--unknown-ok accepts them).");
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }

    private static boolean isOpenUnknown(Finding f) {
        return f.status() == Status.UNKNOWN && f.suppression() == null;
    }
}
