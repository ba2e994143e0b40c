package io.liftoff.bench.sink;

import java.util.Map;

/**
 * An answer of the sink.
 *
 * @param code the response code (0 = SUCCESS)
 * @param opaque the request's opaque
 * @param binary whether to write a ROCKETMQ binary header (else JSON)
 * @param fields the extFields, ASCII only
 * @param body the body, or {@code null}
 */
record SinkResponse(
        int code, int opaque, boolean binary, Map<String, String> fields, byte[] body) {}
