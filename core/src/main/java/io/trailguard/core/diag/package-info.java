/**
 * Diagnostics helpers shared by the readers of user input: source snippets and "did you mean" suggestions
 * (implementation, not API).
 */
package io.trailguard.core.diag;
