package io.liftoff.producer.internal;

import io.liftoff.producer.AccessDenial;
import io.liftoff.producer.AccessDeniedException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Credentials;

/**
 * The exception of a broker's refusal: a refusal of its ACL is an {@link AccessDeniedException}.
 */
final class BrokerRejections {

    private BrokerRejections() {}

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
