/**
 * Rule evaluation (implementation, not API): three-valued evaluation of condition trees against indexed snapshots,
 * findings with evidence, fix rendering and fix proofs.
 */
package io.trailguard.core.engine;
