/** trailguard core API. */
package io.trailguard.core;
