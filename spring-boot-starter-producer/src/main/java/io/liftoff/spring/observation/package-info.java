/** Micrometer observation of the sends of Liftoff producers, with trace context propagation. */
@NullMarked
package io.liftoff.spring.observation;

import org.jspecify.annotations.NullMarked;
