package io.trailguard.aws.config;

/**
 * Compliance as AWS Config accepts it from a custom rule ({@code Evaluation.ComplianceType}; INSUFFICIENT_DATA is
 * Config's own and never sent by a rule).
 *
 * @since 0.1.0
 */
public enum Compliance { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE }
