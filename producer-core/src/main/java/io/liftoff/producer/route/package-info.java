/**
 * Topic routes: name-server look-up with fail-over, immutable publish snapshots and their cache.
 */
package io.liftoff.producer.route;
