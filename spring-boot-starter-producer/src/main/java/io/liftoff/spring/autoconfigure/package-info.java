/** Auto-configuration of Liftoff producers and templates from {@code rocketmq.*} properties. */
@NullMarked
package io.liftoff.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
