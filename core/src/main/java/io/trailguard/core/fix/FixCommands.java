package io.trailguard.core.fix;

import io.trailguard.core.Finding;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Every command the fixes of a scan print, for tools that check or run them (a CLI-model lint, an emulator run).
 *
 * @since 0.2.0
 */
public final class FixCommands {
    private FixCommands() {
    }

    /** The rendered commands and the checks of every failing finding's fix, in finding order. */
    public static List<FixCommand> of(ScanResult result) {
        List<FixCommand> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.status() == Status.FAIL && f.fix() != null) {
                out.addAll(f.fix().commands());
                out.addAll(f.fix().checks());
            }
        }
        return List.copyOf(out);
    }

    /** As {@link #of}, each command as its words ({@code aws} first; an unset parameter as {@code ${NAME}}). */
    public static List<List<String>> argv(ScanResult result) {
        return of(result).stream().map(FixCommand::words).toList();
    }
}
