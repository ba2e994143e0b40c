/**
 * Choosing the message queue of each send attempt, and keeping slow or failing brokers aside for a
 * while (latency fault tolerance).
 *
 * <p><b>Not API:</b> public only so that Liftoff's own packages can reach it; it may change without
 * notice in any release. Use the types of {@code io.liftoff.producer} and {@code
 * io.liftoff.producer.message}.
 */
package io.liftoff.producer.internal.fault;
