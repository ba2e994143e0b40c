/** Liftoff's public producer API: {@link io.liftoff.producer.Producer} and its configuration. */
package io.liftoff.producer;
