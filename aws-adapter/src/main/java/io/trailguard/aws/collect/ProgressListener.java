package io.trailguard.aws.collect;

/** Receives collection progress; called from collector threads, so implementations must be thread-safe and quick. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param accountsDone  accounts fully collected (or given up)
     * @param accountsTotal accounts known so far
     * @param regionsDone   account-region pairs fully collected
     * @param regionsTotal  account-region pairs known so far
     * @param callsDone     API calls finished (successful or not)
     */
    void onProgress(int accountsDone, int accountsTotal, int regionsDone, int regionsTotal, long callsDone);

    ProgressListener NONE = (a, at, r, rt, c) -> { };
}
