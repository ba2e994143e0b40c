/**
 * The send engine behind {@link io.liftoff.producer.Producer}: {@link
 * io.liftoff.producer.internal.DefaultProducer} builds it, {@link
 * io.liftoff.producer.internal.SendOperation} runs each send from its first attempt to its outcome.
 *
 * <p><b>Not API:</b> public only so that Liftoff's own packages can reach it; it may change without
 * notice in any release. Use the types of {@code io.liftoff.producer} and {@code
 * io.liftoff.producer.message}.
 */
package io.liftoff.producer.internal;
