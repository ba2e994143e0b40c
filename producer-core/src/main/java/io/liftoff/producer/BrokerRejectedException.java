package io.liftoff.producer;

import io.liftoff.producer.protocol.ResponseCode;

/** A broker refused a request; carries its response code and remark. */
public final class BrokerRejectedException extends ProducerException {

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
        super(
                what
                        + " rejected by broker "
                        + brokerAddress
                        + ": "
                        + ResponseCode.name(responseCode)
                        + " ("
                        + responseCode
                        + ")"
                        + (remark == null ? "" : " " + remark.strip()));
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
