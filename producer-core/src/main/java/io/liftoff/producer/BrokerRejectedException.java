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
                        + (remark == null ? "" : " " + remark.strip()),
                responseCode,
                remark,
                brokerAddress);
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
