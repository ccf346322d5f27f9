/**
 * The machinery of a collection run (implementation, not API): accounts and targets, bounded concurrency, SDK model
 * to JSON conversion, and the record of failed calls.
 */
package io.trailguard.aws.collect.internal;
