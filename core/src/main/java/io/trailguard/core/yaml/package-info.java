/**
 * Safe YAML reading for untrusted rule files (implementation, not API): YAML 1.2 typing, no arbitrary types, bounded
 * size, nesting, aliases and expansion, duplicate keys rejected, and the position of every value kept for messages.
 */
package io.trailguard.core.yaml;
