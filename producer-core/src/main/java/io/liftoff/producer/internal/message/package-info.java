/**
 * How messages go on the wire and come back: validation, the property string codec, unique and
 * offset message ids, delays and sharding keys, body compression, batch encoding and the commit-log
 * record decoder.
 *
 * <p><b>Not API:</b> public only so that Liftoff's own packages can reach it; it may change without
 * notice in any release. Use the types of {@code io.liftoff.producer} and {@code
 * io.liftoff.producer.message}.
 */
package io.liftoff.producer.internal.message;
