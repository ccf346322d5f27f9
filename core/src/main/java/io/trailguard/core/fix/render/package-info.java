/**
 * Internal to the engine: the renderer of each AWS API, applying changes to configurations, deriving parameter values
 * from a snapshot, and writing fixes as JSON. Not API.
 */
package io.trailguard.core.fix.render;
