package io.liftoff.spring.core;

/**
 * Names of the {@link org.springframework.messaging.Message} headers that {@link ProducerTemplate}
 * maps to fields of the RocketMQ message rather than to user properties.
 *
 * <table>
 *   <caption>Header mapping</caption>
 *   <tr><th>header</th><th>value</th><th>becomes</th></tr>
 *   <tr><td>{@value #KEYS} (also {@code KEYS})</td><td>{@code String} (keys separated by
 *       spaces), {@code Collection} or array; anything else is one key</td><td>keys</td></tr>
 *   <tr><td>{@value #TAGS} (also {@code TAGS})</td><td>{@code String}; a tag in the destination
 *       must be the same</td><td>tag</td></tr>
 *   <tr><td>{@value #DELAY_LEVEL}</td><td>{@code int} or numeric {@code String}, 1..18</td>
 *       <td>delay level</td></tr>
 *   <tr><td>{@value #DELIVER_AT}</td><td>{@code Instant}, {@code Date}, or epoch milliseconds as
 *       a number or numeric {@code String}; an ISO-8601 {@code String}</td><td>delivery time
 *       (5.x brokers)</td></tr>
 *   <tr><td>{@value #DELIVER_AFTER}</td><td>{@code Duration}, milliseconds as a number, or a
 *       {@code String} such as {@code 10s} or {@code PT10S}</td><td>delivery delay (5.x
 *       brokers)</td></tr>
 *   <tr><td>{@value #SHARDING_KEY}</td><td>any, by {@code toString()}; not blank</td>
 *       <td>sharding key (orderly send)</td></tr>
 *   <tr><td>{@value #FLAG} (also {@code FLAG})</td><td>{@code int} or numeric {@code String}</td>
 *       <td>user flag</td></tr>
 *   <tr><td>{@value #WAIT_STORE_MSG_OK} (also {@code WAIT_STORE_MSG_OK})</td><td>{@code boolean}
 *       or {@code "true"}/{@code "false"}</td><td>whether the broker answers after storing</td></tr>
 *   <tr><td>{@code id}, {@code timestamp}, {@code contentType}, {@code replyChannel}, {@code
 *       errorChannel}</td><td></td><td>dropped (Spring's own)</td></tr>
 *   <tr><td>names RocketMQ reserves ({@code UNIQ_KEY}, {@code DELAY}, {@code WAIT}, ...)</td>
 *       <td></td><td>dropped</td></tr>
 *   <tr><td>rocketmq-spring's received-message headers ({@code rocketmq_TOPIC}, {@code
 *       rocketmq_MESSAGE_ID}, {@code rocketmq_QUEUE_ID}, ...)</td><td></td><td>dropped</td></tr>
 *   <tr><td>any other {@value #PREFIX} header</td><td></td><td>refused: {@code
 *       IllegalArgumentException}</td></tr>
 *   <tr><td>any other header</td><td>any, by {@code toString()}</td><td>user property</td></tr>
 * </table>
 *
 * <p>The unprefixed aliases are the names rocketmq-spring reads, so that code written for it keeps
 * working. Arguments of the template's methods ({@code sendOrderly}'s sharding key, {@code
 * sendDelayed}'s delay) win over headers.
 */
public final class RocketMQHeaders {

    /** Prefix of the headers this class names, as in rocketmq-spring. */
    public static final String PREFIX = "rocketmq_";

    /** Keys that index the message for look-up. */
    public static final String KEYS = PREFIX + "KEYS";

    /** The tag that consumers filter on. */
    public static final String TAGS = PREFIX + "TAGS";

    /** Delay level, 1..18. */
    public static final String DELAY_LEVEL = PREFIX + "DELAY_LEVEL";

    /** Instant at which a 5.x broker delivers the message. */
    public static final String DELIVER_AT = PREFIX + "DELIVER_AT";

    /** Delay after which a 5.x broker delivers the message. */
    public static final String DELIVER_AFTER = PREFIX + "DELIVER_AFTER";

    /** Key that chooses the queue, keeping the messages of one key in order. */
    public static final String SHARDING_KEY = PREFIX + "SHARDING_KEY";

    /** User flag, an int the broker stores and hands on untouched. */
    public static final String FLAG = PREFIX + "FLAG";

    /** Whether the broker answers only after it stored the message. */
    public static final String WAIT_STORE_MSG_OK = PREFIX + "WAIT_STORE_MSG_OK";

    private RocketMQHeaders() {}
}
