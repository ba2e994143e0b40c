/**
 * Talks the RocketMQ remoting protocol over Netty: frame codec, one channel per broker address, and
 * the opaque-to-response table.
 */
package io.liftoff.producer.remoting;
