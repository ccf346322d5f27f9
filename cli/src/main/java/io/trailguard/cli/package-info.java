/**
 * The {@code trailguard} command line (not API): picocli commands that parse arguments, call the library and print.
 * Exit codes are named in {@link io.trailguard.cli.ExitCodes}.
 */
package io.trailguard.cli;
