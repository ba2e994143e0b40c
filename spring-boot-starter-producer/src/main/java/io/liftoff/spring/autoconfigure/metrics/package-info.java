/** Auto-configuration of the Micrometer meters of Liftoff producers. */
@NullMarked
package io.liftoff.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
