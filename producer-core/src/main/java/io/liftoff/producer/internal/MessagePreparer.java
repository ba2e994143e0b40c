package io.liftoff.producer.internal;

import io.liftoff.producer.internal.message.BodyCompression;
import io.liftoff.producer.internal.message.MessageValidator;
import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;

/**
 * Checks a message against the broker's rules and encodes it once for all its attempts: a new
 * message id, the property string, the body (compressed above the threshold). Thread-safe.
 */
final class MessagePreparer {

    private final UniqueIdGenerator ids;
    private final BodyCompression compression;
    private final int maxMessageSize;

    MessagePreparer(UniqueIdGenerator ids, BodyCompression compression, int maxMessageSize) {
        this.ids = ids;
        this.compression = compression;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * @param message the message as it goes on the wire (namespaced)
     * @param extras system properties and flags a send mode adds (transactions, request-reply)
     * @throws io.liftoff.producer.message.InvalidMessageException when the broker would refuse it
     */
    PreparedMessage prepare(Message message, SendModeExtras extras) {
        MessageValidator.validateForSend(message, maxMessageSize);
        String messageId = ids.next();
        // Most messages carry only WAIT and UNIQ_KEY: their property string is never built.
        boolean idLast = PropertiesCodec.onlyWaitAndUniqueKey(message, extras.properties());
        String properties =
                idLast
                        ? PropertiesCodec.startBeforeUniqueKey(message)
                        : PropertiesCodec.encodeForSend(message, messageId, extras.properties());
        ByteBuffer body;
        int sysFlag = extras.sysFlag();
        // Most bodies are below the threshold: they skip the Compressed wrapper and its views.
        if (message.bodyLength() < compression.threshold()) {
            body = BodyCompression.sendView(message);
        } else {
            BodyCompression.Compressed compressed = compression.compress(message);
            body = compressed.bodyBuffer();
            sysFlag |= compressed.sysFlag();
        }
        return idLast
                ? PreparedMessage.singleWithIdLast(
                        message.topic(), messageId, properties, body, sysFlag, message.flag())
                : PreparedMessage.single(
                        message.topic(), messageId, properties, body, sysFlag, message.flag());
    }
}
