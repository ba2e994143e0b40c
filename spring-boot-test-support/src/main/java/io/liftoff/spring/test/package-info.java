/** Test support: a real embedded RocketMQ for {@code @SpringBootTest}. */
@NullMarked
package io.liftoff.spring.test;

import org.jspecify.annotations.NullMarked;
