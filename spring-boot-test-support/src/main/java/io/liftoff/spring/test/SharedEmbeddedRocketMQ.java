package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;

/**
 * The one embedded cluster of a test JVM: starting a broker costs seconds, so every test context
 * shares it, and it is closed (servers killed, store deleted) when the JVM exits.
 */
final class SharedEmbeddedRocketMQ {

    private static EmbeddedRocketMQ instance;

    private SharedEmbeddedRocketMQ() {}

    static synchronized EmbeddedRocketMQ get() {
        if (instance == null) {
            EmbeddedRocketMQ started = EmbeddedRocketMQ.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(started::close, "embedded-rocketmq-shutdown"));
            instance = started;
        }
        return instance;
    }
}
