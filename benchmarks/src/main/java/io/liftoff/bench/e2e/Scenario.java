package io.liftoff.bench.e2e;

/**
 * One measured run: a client against a target under a workload.
 *
 * @param target where the client sends
 * @param client which client runs
 * @param workload how it is loaded
 */
record Scenario(Target target, Client client, Workload workload) {

    /** Where messages go. */
    enum Target {
        /** The real 5.3.3 broker: end-to-end latency as an application sees it. */
        BROKER("real broker"),
        /** The sink, which answers at once: the client is the bottleneck. */
        SINK("sink");

        final String label;

        Target(String label) {
            this.label = label;
        }
    }

    /** Who sends. */
    enum Client {
        LIFTOFF("liftoff"),
        OFFICIAL("official"),
        /** Liftoff with automatic batching on ({@code AutoBatch.enabled()}, its defaults). */
        LIFTOFF_BATCH("liftoff+batch"),
        /** The official client with {@code setAutoBatch(true)}, its defaults. */
        OFFICIAL_BATCH("official+batch"),
        /** Liftoff with message trace on ({@code MessageTrace.enabled()}). */
        LIFTOFF_TRACED("liftoff+trace"),
        /** The official client with {@code enableMsgTrace}. */
        OFFICIAL_TRACED("official+trace"),
        /** Raw pipelined Netty frames: the physical limit. */
        FLOOR("floor");

        final String id;

        Client(String id) {
            this.id = id;
        }

        /** Whether it runs on the official client's classpath. */
        boolean official() {
            return this == OFFICIAL || this == OFFICIAL_TRACED || this == OFFICIAL_BATCH;
        }
    }

    /** The row group a scenario belongs to: everything but the client. */
    String group() {
        return target.label + " | " + workload.label() + " | " + bodyLabel(workload.bodySize());
    }

    static String bodyLabel(int bytes) {
        return bytes % 1024 == 0 ? (bytes / 1024) + " KiB" : bytes + " B";
    }
}
