/** ACL credentials and the request signing RocketMQ brokers check them with. */
package io.liftoff.producer.auth;
