/** Built-in rule pack. */
package io.trailguard.rules;
