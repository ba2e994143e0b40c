/** The client instance shared per process and name-server set: connections, routes, heartbeats. */
package io.liftoff.producer.client;
