/** CLI. */
package io.trailguard.cli;
