/**
 * The end-to-end comparison: Liftoff and the official {@code DefaultMQProducer}, each in a JVM of
 * its own, one after the other against the same real broker and against a {@linkplain
 * io.liftoff.bench.sink.SinkServer sink}, next to a raw Netty floor. {@link
 * io.liftoff.bench.e2e.Comparison} runs it all and prints a Markdown table.
 */
package io.liftoff.bench.e2e;
