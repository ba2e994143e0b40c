/**
 * A sink: a minimal RocketMQ name server and broker on one port that stores nothing and answers
 * every send at once, so that a client, not the broker, limits the throughput it reaches.
 */
package io.liftoff.bench.sink;
