/**
 * RocketMQ's message trace, as the official client writes it: the trace records ({@link
 * io.liftoff.producer.internal.trace.TraceRecord}), their text encoding ({@link
 * io.liftoff.producer.internal.trace.TraceEncoder}) and the bounded background publisher that sends
 * them to the trace topic ({@link io.liftoff.producer.internal.trace.TracePublisher}).
 *
 * <p><b>Not API:</b> public only so that Liftoff's own packages can reach it; it may change without
 * notice in any release. Use the types of {@code io.liftoff.producer} and {@code
 * io.liftoff.producer.message}.
 */
package io.liftoff.producer.internal.trace;
