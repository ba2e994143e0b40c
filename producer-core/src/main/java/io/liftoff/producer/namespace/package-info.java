/** Namespaces: prefixing topics and groups so that tenants can share one RocketMQ cluster. */
package io.liftoff.producer.namespace;
