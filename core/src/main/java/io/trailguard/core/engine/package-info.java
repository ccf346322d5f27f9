/**
 * Rule evaluation (implementation, not API): three-valued evaluation of condition trees against indexed snapshots,
 * one class per condition family, findings with evidence (an engine failure is one UNKNOWN finding), fix rendering
 * and fix proofs.
 */
package io.trailguard.core.engine;
