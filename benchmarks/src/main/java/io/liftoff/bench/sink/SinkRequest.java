package io.liftoff.bench.sink;

/**
 * The few fields of a decoded request the sink needs to answer it.
 *
 * @param code the request code
 * @param opaque the id the response echoes
 * @param oneway whether the client expects no answer
 * @param binary whether the header was ROCKETMQ binary (else JSON); the answer uses the same
 * @param queueId the requested queue of a send ({@code e} or {@code queueId}), or -1
 * @param messages the messages it carries: the records of a batch, else 1
 */
record SinkRequest(
        int code, int opaque, boolean oneway, boolean binary, int queueId, int messages) {

    SinkRequest withMessages(int count) {
        return new SinkRequest(code, opaque, oneway, binary, queueId, count);
    }
}
