/** Auto-configuration of a Liftoff producer from {@code rocketmq.*} properties. */
package io.liftoff.spring.autoconfigure;
