/**
 * RocketMQ's request and response codes, typed headers and the JSON bodies a producer exchanges.
 */
package io.liftoff.producer.protocol;
