/**
 * One collector per AWS service (implementation, not API): each pages every list call to the end, maps "not
 * configured" answers to absent fields and failures to snapshot errors, and writes resources with AWS's own field names.
 */
package io.trailguard.aws.collect.service;
