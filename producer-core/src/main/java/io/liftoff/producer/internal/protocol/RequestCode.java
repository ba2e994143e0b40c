package io.liftoff.producer.internal.protocol;

/** Request codes a producer sends or receives (RocketMQ's {@code RequestCode}). */
public final class RequestCode {

    /** Producer to broker: a message with the compact V2 header. */
    public static final int SEND_MESSAGE_V2 = 310;

    /** Producer to broker: register the producer group and keep the connection alive. */
    public static final int HEART_BEAT = 34;

    /** Producer to broker: forget this client's producer group. */
    public static final int UNREGISTER_CLIENT = 35;

    /** Client to name server: the route of one topic. */
    public static final int GET_ROUTEINFO_BY_TOPIC = 105;

    /** Client to name server: every broker it knows, by cluster (a ClusterInfo body). */
    public static final int GET_BROKER_CLUSTER_INFO = 106;

    /** Producer to broker, oneway: commit, roll back or leave open a half message. */
    public static final int END_TRANSACTION = 37;

    /**
     * Broker to producer, oneway: ask the state of a half message. Answered by END_TRANSACTION,
     * never by a response.
     */
    public static final int CHECK_TRANSACTION_STATE = 39;

    /** Producer to broker: a batch body with the V2 header and its batch flag set. */
    public static final int SEND_BATCH_MESSAGE = 320;

    /** Responder to broker: a reply message with the V2 header, for request-reply. */
    public static final int SEND_REPLY_MESSAGE_V2 = 325;

    /** Broker to requester, two-way: a reply message; answered with SUCCESS. */
    public static final int PUSH_REPLY_MESSAGE_TO_CLIENT = 326;

    /** Producer to broker (5.3.2+): cancel a timer message by its recall handle. */
    public static final int RECALL_MESSAGE = 370;

    private RequestCode() {}
}
