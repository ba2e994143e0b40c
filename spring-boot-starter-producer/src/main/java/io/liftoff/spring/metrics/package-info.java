/** Micrometer meters of Liftoff producers: send timer, retries counter and in-flight gauges. */
@NullMarked
package io.liftoff.spring.metrics;

import org.jspecify.annotations.NullMarked;
