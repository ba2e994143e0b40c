package io.liftoff.producer.protocol;

/** Request codes a producer sends or receives (RocketMQ's {@code RequestCode}). */
public final class RequestCode {

    /** Producer to broker: a message with the compact V2 header. */
    public static final int SEND_MESSAGE_V2 = 310;

    /** Producer to broker: several messages of one topic in one body. */
    public static final int SEND_BATCH_MESSAGE = 320;

    /** Producer to broker: register the producer group and keep the connection alive. */
    public static final int HEART_BEAT = 34;

    /** Producer to broker: forget this client's producer group. */
    public static final int UNREGISTER_CLIENT = 35;

    /** Client to name server: the route of one topic. */
    public static final int GET_ROUTEINFO_BY_TOPIC = 105;

    private RequestCode() {}
}
