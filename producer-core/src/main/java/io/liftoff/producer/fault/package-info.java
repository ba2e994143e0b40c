/** Choosing the message queue of each send attempt. */
package io.liftoff.producer.fault;
