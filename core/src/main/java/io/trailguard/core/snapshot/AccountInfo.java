package io.trailguard.core.snapshot;

import java.util.List;

/**
 * One account a snapshot covers: its id, name, the regions collected, its organisation (or {@code null}) and its
 * AWS Organizations entity path ({@code o-ORG/r-ROOT/ou-.../}, as {@code aws:SourceOrgPaths} and
 * {@code aws:PrincipalOrgPaths} carry it), or {@code null} when the snapshot does not give it.
 */
public record AccountInfo(String id, String name, List<String> regions, String organizationId,
                          String organizationPath) {
    public AccountInfo {
        regions = List.copyOf(regions);
    }

    /** An account whose organisation path is not known. */
    public AccountInfo(String id, String name, List<String> regions, String organizationId) {
        this(id, name, regions, organizationId, null);
    }
}
