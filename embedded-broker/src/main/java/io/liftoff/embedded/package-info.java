/** Starts the official Apache RocketMQ NameServer and Broker on 127.0.0.1 for tests and samples. */
package io.liftoff.embedded;
