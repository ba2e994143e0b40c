/** Auto-configuration that keeps producer secrets out of the actuator endpoints. */
@NullMarked
package io.liftoff.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
