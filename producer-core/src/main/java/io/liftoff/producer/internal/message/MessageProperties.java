package io.liftoff.producer.internal.message;

import java.util.Set;

/**
 * Wire names of RocketMQ's system properties and the reserved set (PROTOCOL.md §5b).
 *
 * <p>A reserved name is one the official client refuses as a user property ({@code
 * MessageConst.STRING_HASH_SET}): the client, the broker or a consumer gives it a meaning, so a
 * user value would be misread or overwritten. The other constants here are meaningful names that
 * RocketMQ does not reserve. Thread-safe: constants and an immutable set only.
 */
public final class MessageProperties {

    /** Separates a property name from its value in the encoded string. */
    public static final char NAME_VALUE_SEPARATOR = '\u0001';

    /** Ends every name/value pair in the encoded string. */
    public static final char PROPERTY_SEPARATOR = '\u0002';

    /** Joins the keys inside {@link #KEYS}; a key therefore cannot contain it. */
    public static final char KEY_SEPARATOR = ' ';

    /** User keys, joined by {@link #KEY_SEPARATOR}. */
    public static final String KEYS = "KEYS";

    /** The tag; the broker files it by its {@code String.hashCode()}. */
    public static final String TAGS = "TAGS";

    /**
     * {@code "true"}/{@code "false"}: whether the broker waits for the store; absent means true.
     */
    public static final String WAIT_STORE_MSG_OK = "WAIT";

    /** Delay level 1..N. */
    public static final String DELAY = "DELAY";

    /** The client message id (see {@link UniqueIdGenerator}). */
    public static final String UNIQ_KEY = "UNIQ_KEY";

    /** {@code "true"} on a transactional half message. */
    public static final String TRANSACTION_PREPARED = "TRAN_MSG";

    /** The producer group of a half message; END_TRANSACTION must name the same group. */
    public static final String PRODUCER_GROUP = "PGROUP";

    /** Transaction id set on transactions; not reserved. */
    public static final String TRANSACTION_ID = "__transactionId__";

    /** How often the broker has checked a half message; not reserved. */
    public static final String TRANSACTION_CHECK_TIMES = "TRANSACTION_CHECK_TIMES";

    /** Minimum seconds before the broker checks a half message back; not reserved. */
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";

    /** 5.x timer: absolute delivery time in epoch milliseconds. */
    public static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";

    /** 5.x timer: delay in seconds. */
    public static final String TIMER_DELAY_SEC = "TIMER_DELAY_SEC";

    /** 5.x timer: delay in milliseconds. */
    public static final String TIMER_DELAY_MS = "TIMER_DELAY_MS";

    /** Alibaba Cloud delivery time; Apache brokers ignore it. Not reserved. */
    public static final String START_DELIVER_TIME = "__STARTDELIVERTIME";

    /** Sharding key of an ordered message (metadata only); not reserved. */
    public static final String SHARDING_KEY = "__SHARDINGKEY";

    /** The namespace, set when the client has one. */
    public static final String INSTANCE_ID = "INSTANCE_ID";

    /** Broker-added region. */
    public static final String MSG_REGION = "MSG_REGION";

    /** Broker-added trace switch. */
    public static final String TRACE_SWITCH = "TRACE_ON";

    /** Broker-added cluster name. */
    public static final String CLUSTER = "CLUSTER";

    /** The original topic while the broker stages a delayed, timed or transactional message. */
    public static final String REAL_TOPIC = "REAL_TOPIC";

    /** The original queue id while the broker stages a message. */
    public static final String REAL_QUEUE_ID = "REAL_QID";

    /** Reconsume count of a retried message; travels in the send header instead. */
    public static final String RECONSUME_TIME = "RECONSUME_TIME";

    /** Maximum reconsume count of a retried message; travels in the send header instead. */
    public static final String MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";

    /** Request-reply correlation id. */
    public static final String CORRELATION_ID = "CORRELATION_ID";

    /** Request-reply: the client id of the requester. */
    public static final String MESSAGE_REPLY_TO_CLIENT = "REPLY_TO_CLIENT";

    /** Request-reply: time to live in milliseconds. */
    public static final String MESSAGE_TTL = "TTL";

    /** Request-reply: message type, {@code "reply"} on replies. */
    public static final String MESSAGE_TYPE = "MSG_TYPE";

    /** Request-reply: when the reply arrived. */
    public static final String REPLY_MESSAGE_ARRIVE_TIME = "ARRIVE_TIME";

    /** Request-reply: when the reply was pushed. */
    public static final String PUSH_REPLY_TIME = "PUSH_REPLY_TIME";

    /** Batch consume queue: number of inner messages; not reserved. */
    public static final String INNER_NUM = "INNER_NUM";

    /** Batch consume queue: base offset; not reserved. */
    public static final String INNER_BASE = "INNER_BASE";

    /** Light message queues to dispatch to; the value may not contain {@code /}. Not reserved. */
    public static final String INNER_MULTI_DISPATCH = "INNER_MULTI_DISPATCH";

    /** Light message queue offsets. */
    public static final String INNER_MULTI_QUEUE_OFFSET = "INNER_MULTI_QUEUE_OFFSET";

    /** Trace context; not reserved. */
    public static final String TRACE_CONTEXT = "TRACE_CONTEXT";

    /** Redirect marker; not reserved. */
    public static final String REDIRECT = "REDIRECT";

    /** Forward queue id; not reserved. */
    public static final String FORWARD_QUEUE_ID = "PROPERTY_FORWARD_QUEUE_ID";

    /** Retry topic of a consumed message. */
    public static final String RETRY_TOPIC = "RETRY_TOPIC";

    /** Broker internal. */
    public static final String MIN_OFFSET = "MIN_OFFSET";

    /** Broker internal. */
    public static final String MAX_OFFSET = "MAX_OFFSET";

    /** Broker internal. */
    public static final String BUYER_ID = "BUYER_ID";

    /** Id of the message a retried message came from. */
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";

    /** Broker internal. */
    public static final String TRANSFER_FLAG = "TRANSFER_FLAG";

    /** Broker internal. */
    public static final String CORRECTION_FLAG = "CORRECTION_FLAG";

    /** Broker internal. */
    public static final String MQ2_FLAG = "MQ2_FLAG";

    /** Consumer internal: when consumption started. */
    public static final String CONSUME_START_TIME = "CONSUME_START_TIME";

    /** Pop consumption checkpoint; the 5.x broker strips it from sends. */
    public static final String POP_CK = "POP_CK";

    /** Pop consumption checkpoint offset. */
    public static final String POP_CK_OFFSET = "POP_CK_OFFSET";

    /** Pop consumption: first pop time. */
    public static final String FIRST_POP_TIME = "1ST_POP_TIME";

    /** Queue offset of a prepared transaction message. */
    public static final String TRANSACTION_PREPARED_QUEUE_OFFSET = "TRAN_PREPARED_QUEUE_OFFSET";

    /** Broker internal. */
    public static final String DUP_INFO = "DUP_INFO";

    /** Broker internal. */
    public static final String EXTEND_UNIQ_INFO = "EXTEND_UNIQ_INFO";

    /** 5.x timer internal. */
    public static final String TIMER_ENQUEUE_MS = "TIMER_ENQUEUE_MS";

    /** 5.x timer internal. */
    public static final String TIMER_DEQUEUE_MS = "TIMER_DEQUEUE_MS";

    /** 5.x timer internal. */
    public static final String TIMER_ROLL_TIMES = "TIMER_ROLL_TIMES";

    /** 5.x timer internal: the target time the broker rounded to. */
    public static final String TIMER_OUT_MS = "TIMER_OUT_MS";

    /** 5.x timer internal. */
    public static final String TIMER_DEL_UNIQKEY = "TIMER_DEL_UNIQKEY";

    /** 5.x timer internal. */
    public static final String TIMER_DELAY_LEVEL = "TIMER_DELAY_LEVEL";

    /** Born host, broker internal. */
    public static final String BORN_HOST = "__BORNHOST";

    /** Born timestamp, broker internal. */
    public static final String BORN_TIMESTAMP = "BORN_TIMESTAMP";

    /** Original topic of a dead-lettered message. */
    public static final String DLQ_ORIGIN_TOPIC = "DLQ_ORIGIN_TOPIC";

    /** Original id of a dead-lettered message. */
    public static final String DLQ_ORIGIN_MESSAGE_ID = "DLQ_ORIGIN_MESSAGE_ID";

    /** Body checksum, broker internal. */
    public static final String CRC32 = "__CRC32#";

    private static final Set<String> RESERVED =
            Set.of(
                    TRACE_SWITCH,
                    MSG_REGION,
                    KEYS,
                    TAGS,
                    WAIT_STORE_MSG_OK,
                    DELAY,
                    RETRY_TOPIC,
                    REAL_TOPIC,
                    REAL_QUEUE_ID,
                    TRANSACTION_PREPARED,
                    PRODUCER_GROUP,
                    MIN_OFFSET,
                    MAX_OFFSET,
                    BUYER_ID,
                    ORIGIN_MESSAGE_ID,
                    TRANSFER_FLAG,
                    CORRECTION_FLAG,
                    MQ2_FLAG,
                    RECONSUME_TIME,
                    UNIQ_KEY,
                    MAX_RECONSUME_TIMES,
                    CONSUME_START_TIME,
                    POP_CK,
                    POP_CK_OFFSET,
                    FIRST_POP_TIME,
                    TRANSACTION_PREPARED_QUEUE_OFFSET,
                    DUP_INFO,
                    EXTEND_UNIQ_INFO,
                    INSTANCE_ID,
                    CORRELATION_ID,
                    MESSAGE_REPLY_TO_CLIENT,
                    MESSAGE_TTL,
                    REPLY_MESSAGE_ARRIVE_TIME,
                    PUSH_REPLY_TIME,
                    CLUSTER,
                    MESSAGE_TYPE,
                    INNER_MULTI_QUEUE_OFFSET,
                    TIMER_DELAY_MS,
                    TIMER_DELAY_SEC,
                    TIMER_DELIVER_MS,
                    TIMER_ENQUEUE_MS,
                    TIMER_DEQUEUE_MS,
                    TIMER_ROLL_TIMES,
                    TIMER_OUT_MS,
                    TIMER_DEL_UNIQKEY,
                    TIMER_DELAY_LEVEL,
                    BORN_HOST,
                    BORN_TIMESTAMP,
                    DLQ_ORIGIN_TOPIC,
                    DLQ_ORIGIN_MESSAGE_ID,
                    CRC32);

    private MessageProperties() {}

    /**
     * Tells whether a name is reserved by RocketMQ and so cannot be a user property.
     *
     * @param name a property name; {@code null} is not reserved
     * @return {@code true} if the name is in the reserved set (case-sensitive, as on the wire)
     */
    public static boolean isReserved(String name) {
        return name != null && RESERVED.contains(name);
    }

    /**
     * Returns the reserved names.
     *
     * @return an unmodifiable set, the same as the official client's {@code
     *     MessageConst.STRING_HASH_SET}
     */
    public static Set<String> reservedNames() {
        return RESERVED;
    }
}
