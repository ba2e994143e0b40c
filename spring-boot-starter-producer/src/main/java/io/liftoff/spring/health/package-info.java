/** Health of Liftoff producers for Spring Boot's health endpoint. */
@NullMarked
package io.liftoff.spring.health;

import org.jspecify.annotations.NullMarked;
