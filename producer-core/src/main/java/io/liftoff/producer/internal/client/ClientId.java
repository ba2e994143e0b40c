package io.liftoff.producer.internal.client;

import io.liftoff.producer.internal.message.LocalAddress;

/** Builds RocketMQ client ids: {@code ip@instanceName}. */
final class ClientId {

    private ClientId() {}

    /** A client id for this host, e.g. {@code 10.0.0.5@12345#98765432101}. */
    static String of(String instanceName) {
        return LocalAddress.hostAddress() + "@" + instanceName;
    }

    /**
     * The instance name the official client derives when none is set: {@code pid#nanoTime}, unique
     * per client instance.
     */
    static String defaultInstanceName() {
        return ProcessHandle.current().pid() + "#" + System.nanoTime();
    }
}
