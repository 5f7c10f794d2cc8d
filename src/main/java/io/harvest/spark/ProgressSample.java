package io.harvest.spark;

/**
 * One reading of a running job, kept for the report.
 *
 * @param atMillis milliseconds since the job's progress started
 * @param done     items done (failed ones included)
 * @param failed   items failed
 * @param running  tasks running at that moment
 */
public record ProgressSample(long atMillis, long done, long failed, int running) {}
