/**
 * Immutable messages and everything about them that is independent of routes and sockets:
 * validation, the property string codec, unique message ids and offset message ids.
 */
package io.liftoff.producer.message;
