package io.trailguard.core;

import java.util.Objects;

/**
 * Where a rule comes from: a CIS AWS Foundations Benchmark control, an AWS Security Hub control, or a documentation
 * page.
 *
 * @param kind  {@code cis}, {@code securityhub} or {@code doc}
 * @param id    the control id ({@code 3.0.0/3.2} for CIS version and control, {@code CloudTrail.4}); the URL for docs
 * @param title a human title ("CIS AWS Foundations Benchmark v3.0.0, control 3.2")
 * @param url   a link, or {@code null}
 * @since 0.1.0
 */
public record Reference(String kind, String id, String title, String url) {
    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
