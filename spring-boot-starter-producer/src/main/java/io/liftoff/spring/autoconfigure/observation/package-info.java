/** Auto-configuration of the Micrometer observation of the sends of Liftoff producers. */
@NullMarked
package io.liftoff.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
