/**
 * Talks the RocketMQ remoting protocol over Netty: frame codec, one channel per broker address, and
 * the opaque-to-response table.
 *
 * <p><b>Not API:</b> public only so that Liftoff's own packages can reach it; it may change without
 * notice in any release. Use the types of {@code io.liftoff.producer} and {@code
 * io.liftoff.producer.message}.
 */
package io.liftoff.producer.internal.remoting;
