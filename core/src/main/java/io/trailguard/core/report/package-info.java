/**
 * Report writers (public API): human text grouped by severity with fixes, and JSON with a published schema
 * ({@code io/trailguard/core/schema/report.schema.json}). Files are written whole or not at all.
 *
 * @since 0.1.0
 */
package io.trailguard.core.report;
