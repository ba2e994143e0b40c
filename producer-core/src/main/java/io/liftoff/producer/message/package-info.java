/**
 * Messages: the immutable {@link io.liftoff.producer.message.Message} and its builder, delivery
 * times, and the exception that refuses a message that can never be sent.
 */
package io.liftoff.producer.message;
