/**
 * The {@link io.liftoff.spring.core.ProducerTemplate}: Spring-style sending with payload
 * conversion.
 */
@NullMarked
package io.liftoff.spring.core;

import org.jspecify.annotations.NullMarked;
