package io.liftoff.producer.internal;

import io.liftoff.producer.internal.message.BodyCompression;
import io.liftoff.producer.internal.message.MessageValidator;
import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.internal.remoting.WritableBody;
import io.liftoff.producer.message.Message;

/**
 * Checks a message against the broker's rules and encodes it once for all its attempts: a new
 * message id, the property string, the body (compressed above the threshold). Thread-safe.
 */
final class MessagePreparer {

    private static final String RETRY_TOPIC_PREFIX = "%RETRY%";

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
     * @param plainSend whether this is a plain send, which automatic batching may batch if the
     *     message allows: not delayed, waiting for the store, not to a retry topic, uncompressed
     * @throws io.liftoff.producer.message.InvalidMessageException when the broker would refuse it
     */
    PreparedMessage prepare(Message message, SendModeExtras extras, boolean plainSend) {
        MessageValidator.validateForSend(message, maxMessageSize);
        String messageId = ids.next();
        // Most messages carry only WAIT and UNIQ_KEY: their property string is never built.
        boolean idLast = PropertiesCodec.onlyWaitAndUniqueKey(message, extras.properties());
        String properties =
                idLast
                        ? PropertiesCodec.startBeforeUniqueKey(message)
                        : PropertiesCodec.encodeForSend(message, messageId, extras.properties());
        WritableBody body;
        int sysFlag = extras.sysFlag();
        // Most bodies are below the threshold: they skip the Compressed wrapper and its views.
        if (message.bodyLength() < compression.threshold()) {
            body = WritableBody.of(BodyCompression.sendBody(message));
        } else {
            BodyCompression.Compressed compressed = compression.compress(message);
            body = WritableBody.of(compressed.bodyBuffer());
            sysFlag |= compressed.sysFlag();
        }
        // a batch request has one sysFlag, 0, for all its messages; brokers refuse delay in one
        boolean batchable =
                plainSend
                        && sysFlag == 0
                        && message.waitStoreMessageOk()
                        && message.delayLevel() == 0
                        && message.deliveryTime() == null
                        && !message.topic().startsWith(RETRY_TOPIC_PREFIX);
        return PreparedMessage.single(
                message.topic(),
                messageId,
                properties,
                idLast,
                body,
                sysFlag,
                message.flag(),
                batchable,
                message.shardingKey());
    }
}
