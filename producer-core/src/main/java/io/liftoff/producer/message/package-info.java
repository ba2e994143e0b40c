/**
 * Immutable messages and everything about them that is independent of routes and sockets:
 * validation, the property string codec, unique message ids and offset message ids, delays and
 * sharding keys, body compression, batch encoding and the commit-log record decoder.
 */
package io.liftoff.producer.message;
