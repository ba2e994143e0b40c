package io.liftoff.producer.internal;

import java.util.Map;

/**
 * What a send mode adds to a message on the wire beyond what the user set: system properties that
 * users may not set themselves (e.g. {@code TRAN_MSG}, {@code CORRELATION_ID}) and system flag bits
 * (e.g. a prepared transaction).
 *
 * @param properties system properties to append
 * @param sysFlag bits to OR into the message's system flags
 */
record SendModeExtras(Map<String, String> properties, int sysFlag) {

    /** Nothing added: a plain send. */
    static final SendModeExtras NONE = new SendModeExtras(Map.of(), 0);

    SendModeExtras {
        properties = Map.copyOf(properties);
    }
}
