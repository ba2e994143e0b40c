package io.liftoff.producer;

import io.liftoff.producer.internal.protocol.ResponseCode;
import java.util.Optional;

/**
 * A broker's ACL refused a request: the credentials are wrong or missing ({@link
 * AccessDenial#AUTHENTICATION}), or they lack a permission ({@link AccessDenial#AUTHORIZATION}).
 * The message names the access key, never the secret key, and says what to check.
 *
 * <p>Sends that fail this way are not retried on other brokers: the brokers of a cluster check the
 * same users and permissions, so each would refuse alike, and retrying would only spend the send
 * timeout. Nor do they mark the broker as faulty: it answered, and other topics still reach it.
 */
public final class AccessDeniedException extends BrokerRejectedException {

    private final AccessDenial denial;
    private final String accessKey;

    /**
     * @param what the request, e.g. {@code "send to topic 'orders'"}
     * @param brokerAddress the broker that answered
     * @param responseCode its response code
     * @param remark its remark, may be {@code null}
     * @param denial why, not {@link AccessDenial#NONE}
     * @param credentials what the request was signed with, or {@code null} if it was not
     * @throws IllegalStateException if {@code denial} is {@link AccessDenial#NONE}
     */
    public AccessDeniedException(
            String what,
            String brokerAddress,
            int responseCode,
            String remark,
            AccessDenial denial,
            Credentials credentials) {
        super(
                message(what, brokerAddress, responseCode, remark, denial, credentials),
                responseCode,
                remark,
                brokerAddress);
        this.denial = denial;
        this.accessKey = credentials == null ? null : credentials.accessKey();
    }

    /** Whether the credentials were refused or a permission was missing. */
    public AccessDenial denial() {
        return denial;
    }

    /** The access key the request was signed with, or empty if it was sent unsigned. */
    public Optional<String> accessKey() {
        return Optional.ofNullable(accessKey);
    }

    private static String message(
            String what,
            String brokerAddress,
            int responseCode,
            String remark,
            AccessDenial denial,
            Credentials credentials) {
        return what
                + " rejected by broker "
                + brokerAddress
                + ": "
                + denial.explanation(credentials)
                + " ("
                + ResponseCode.name(responseCode)
                + " ("
                + responseCode
                + ")"
                + (remark == null ? "" : " " + remark.strip())
                + ")";
    }
}
