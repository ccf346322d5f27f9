/** AWS adapter. */
package io.trailguard.aws;
