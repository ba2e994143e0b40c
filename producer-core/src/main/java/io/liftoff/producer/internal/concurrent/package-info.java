/**
 * Waiting for asynchronous outcomes, shared by the other internal packages.
 *
 * <p><b>Not API:</b> public only so that Liftoff's own packages can reach it; it may change without
 * notice in any release. Use the types of {@code io.liftoff.producer} and {@code
 * io.liftoff.producer.message}.
 */
package io.liftoff.producer.internal.concurrent;
