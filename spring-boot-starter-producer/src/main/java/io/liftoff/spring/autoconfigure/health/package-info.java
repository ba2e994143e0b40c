/** Auto-configuration of the health of Liftoff producers. */
@NullMarked
package io.liftoff.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
