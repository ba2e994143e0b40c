package io.liftoff.producer.internal;

/**
 * What automatic batching did so far, for tests and benchmarks that check it happened.
 *
 * @param batches batch requests sent (each of two messages or more)
 * @param messages the messages sent in them
 */
public record AutoBatchCounts(long batches, long messages) {}
