/** A runnable example of Liftoff sending to a real RocketMQ. */
package io.liftoff.sample;
