package io.liftoff.producer.internal;

import io.liftoff.producer.AccessDenial;
import io.liftoff.producer.AccessDeniedException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Credentials;
import io.liftoff.producer.MessageTypeMismatchException;
import io.liftoff.producer.internal.protocol.ResponseCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exception of a broker's refusal: a refusal of its ACL is an {@link AccessDeniedException}, a
 * Proxy's refusal of a message for its topic's type a {@link MessageTypeMismatchException}.
 */
final class BrokerRejections {

    /**
     * The remark of the 5.x Proxy's {@code DefaultTopicMessageTypeValidator}, which it answers with
     * MESSAGE_ILLEGAL.
     */
    private static final Pattern TYPE_MISMATCH =
            Pattern.compile(
                    "TopicMessageType validate failed, the expected type is (\\w+), but actual"
                            + " type is (\\w+)");

    private BrokerRejections() {}

    /**
     * Like {@link #of}, for a send to {@code topic}, which a Proxy may refuse for the topic's
     * {@code message.type}.
     */
    static BrokerRejectedException ofSend(
            String topic,
            String brokerAddress,
            int responseCode,
            String remark,
            Credentials credentials) {
        if (responseCode == ResponseCode.MESSAGE_ILLEGAL && remark != null) {
            Matcher mismatch = TYPE_MISMATCH.matcher(remark);
            if (mismatch.find()) {
                return new MessageTypeMismatchException(
                        topic,
                        brokerAddress,
                        responseCode,
                        remark,
                        mismatch.group(1),
                        mismatch.group(2));
            }
        }
        return of(
                "send to topic '" + topic + "'", brokerAddress, responseCode, remark, credentials);
    }

    /**
     * @param what the request, e.g. {@code "send to topic 'orders'"}
     * @param brokerAddress the broker that answered
     * @param responseCode its response code
     * @param remark its remark, may be {@code null}
     * @param credentials what the request was signed with, or {@code null}
     */
    static BrokerRejectedException of(
            String what,
            String brokerAddress,
            int responseCode,
            String remark,
            Credentials credentials) {
        AccessDenial denial = AccessDenial.of(responseCode, remark);
        if (denial == AccessDenial.NONE) {
            return new BrokerRejectedException(what, brokerAddress, responseCode, remark);
        }
        return new AccessDeniedException(
                what, brokerAddress, responseCode, remark, denial, credentials);
    }
}
