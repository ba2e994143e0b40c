/**
 * Liftoff's producer API: {@link io.liftoff.producer.Producer}, its configuration {@link
 * io.liftoff.producer.ProducerConfig} and the setting types it takes, send results and the
 * exceptions sends fail with, hooks, transactions and connection status. Messages are in {@link
 * io.liftoff.producer.message}. Everything under {@code io.liftoff.producer.internal} is not API.
 */
package io.liftoff.producer;
