package io.liftoff.producer;

import io.liftoff.producer.internal.protocol.ResponseCode;

/**
 * A broker refused a request; carries its response code and remark. {@link AccessDeniedException}
 * is the refusal of a broker's ACL, {@link BrokerBusyException} a send that ran out of time while
 * the broker shed load, {@link MessageTypeMismatchException} a message that a 5.x Proxy refused for
 * its topic's {@code message.type}.
 */
public sealed class BrokerRejectedException extends ProducerException
        permits AccessDeniedException, BrokerBusyException, MessageTypeMismatchException {

    private final int responseCode;
    private final String remark;
    private final String brokerAddress;

    /**
     * @param what the request, e.g. {@code "send to topic 'orders'"}
     * @param brokerAddress the broker that answered
     * @param responseCode its response code
     * @param remark its remark, may be {@code null}
     */
    public BrokerRejectedException(
            String what, String brokerAddress, int responseCode, String remark) {
        this(
                what
                        + " rejected by broker "
                        + brokerAddress
                        + ": "
                        + ResponseCode.name(responseCode)
                        + " ("
                        + responseCode
                        + ")"
                        + (remark == null ? "" : " " + remark.strip())
                        + readOnlyHint(responseCode, remark),
                responseCode,
                remark,
                brokerAddress);
    }

    /**
     * What to do about a broker or topic made read-only, which the broker's remark does not say:
     * NO_PERMISSION with "sending message is forbidden" (not an ACL refusal, see {@link
     * AccessDenial}).
     */
    private static String readOnlyHint(int responseCode, String remark) {
        if (responseCode != ResponseCode.NO_PERMISSION
                || remark == null
                || !remark.contains("sending message is forbidden")) {
            return "";
        }
        return ". The broker or the topic is read-only there (the broker's brokerPermission or the"
                + " topic's perm): restore write permission (mqadmin updateBrokerConfig -k"
                + " brokerPermission -v 6, or updateTopicPerm -p 6); until then sends are retried"
                + " on other brokers, and the route refresh drops read-only queues";
    }

    /** For subclasses that word their own message. */
    BrokerRejectedException(String message, int responseCode, String remark, String brokerAddress) {
        super(message);
        this.responseCode = responseCode;
        this.remark = remark;
        this.brokerAddress = brokerAddress;
    }

    /** The broker's response code, e.g. 17 for TOPIC_NOT_EXIST. */
    public int responseCode() {
        return responseCode;
    }

    /** The broker's remark, or {@code null}. */
    public String remark() {
        return remark;
    }

    /** {@code host:port} of the broker. */
    public String brokerAddress() {
        return brokerAddress;
    }
}
