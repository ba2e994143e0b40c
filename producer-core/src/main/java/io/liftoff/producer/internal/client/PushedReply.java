package io.liftoff.producer.internal.client;

import io.liftoff.producer.internal.message.BodyDecompressor;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.protocol.ReplyMessageHeader;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.message.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reply as a broker pushes it (PUSH_REPLY_MESSAGE_TO_CLIENT), read in two steps: the header and
 * properties first, enough to find the waiting request by correlation id, and the message only for
 * a request that still waits, so that a late reply costs no decompression.
 *
 * @param header the push's header
 * @param properties the reply's properties, system ones included
 * @param body the body as stored, compressed when the header's sysFlag says so; empty when the push
 *     carried none
 */
record PushedReply(ReplyMessageHeader header, Map<String, String> properties, byte[] body) {

    /**
     * Reads the header and properties of a push.
     *
     * @throws IllegalArgumentException when a required header field is missing or malformed
     */
    static PushedReply read(Command push) {
        ReplyMessageHeader header = ReplyMessageHeader.fromExtFields(push.extFields());
        return new PushedReply(
                header,
                PropertiesCodec.decode(header.properties()),
                push.body() == null ? new byte[0] : push.body());
    }

    /** The correlation id of the request this replies to, or {@code null} when it has none. */
    String correlationId() {
        return properties.get(MessageProperties.CORRELATION_ID);
    }

    /**
     * The reply as a message: its topic ({@code <cluster>_REPLY_TOPIC}), tag, keys, flag, user
     * properties and decompressed body. System properties ({@link MessageProperties#isReserved}),
     * the correlation fields among them, are left out: they are RocketMQ's, not the responder's.
     *
     * @throws IllegalArgumentException when the body cannot be decompressed (e.g. LZ4) or the reply
     *     breaks a rule of {@link Message} (e.g. an empty body)
     */
    Message toMessage() {
        Message.Builder builder =
                Message.builder(header.topic())
                        .body(BodyDecompressor.decompress(body, header.sysFlag()))
                        .flag(header.flag())
                        .tags(properties.get(MessageProperties.TAGS))
                        .keys(keys(properties.get(MessageProperties.KEYS)));
        Map<String, String> user = new LinkedHashMap<>();
        properties.forEach(
                (name, value) -> {
                    if (!MessageProperties.isReserved(name)) {
                        user.put(name, value);
                    }
                });
        return builder.properties(user).build();
    }

    private static List<String> keys(String joined) {
        List<String> keys = new ArrayList<>();
        if (joined != null) {
            for (String key : joined.split(String.valueOf(MessageProperties.KEY_SEPARATOR))) {
                // several spaces in a row would otherwise make blank keys
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
