/**
 * Choosing the message queue of each send attempt, and keeping slow or failing brokers aside for a
 * while (latency fault tolerance).
 */
package io.liftoff.producer.fault;
