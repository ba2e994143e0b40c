package io.liftoff.producer;

import io.liftoff.producer.client.ClientInstance;
import io.liftoff.producer.client.ClientOptions;
import io.liftoff.producer.fault.RoundRobinQueueSelector;
import io.liftoff.producer.message.Message;
import io.liftoff.producer.message.MessageValidator;
import io.liftoff.producer.message.PropertiesCodec;
import io.liftoff.producer.message.UniqueIdGenerator;
import io.liftoff.producer.protocol.ResponseCode;
import io.liftoff.producer.route.MessageQueue;
import io.liftoff.producer.route.PublishSnapshot;
import io.liftoff.producer.route.RouteLookupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producer behind {@link Producer}: validate, look up the route, choose a queue, send, and
 * retry on another broker within one time budget.
 */
final class DefaultProducer implements Producer {

    /** Codes after which another broker may well accept the message (PROTOCOL.md §2). */
    private static final Set<Integer> RETRYABLE_CODES =
            Set.of(
                    ResponseCode.TOPIC_NOT_EXIST,
                    ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.SYSTEM_ERROR,
                    ResponseCode.SYSTEM_BUSY,
                    ResponseCode.NO_PERMISSION,
                    ResponseCode.NO_BUYER_ID,
                    ResponseCode.NOT_IN_CURRENT_UNIT,
                    ResponseCode.GO_AWAY);

    private final ProducerConfig config;
    private final ClientInstance client;
    private final MessageSender sender;
    private final RoundRobinQueueSelector selector = new RoundRobinQueueSelector();
    private final UniqueIdGenerator ids = UniqueIdGenerator.shared();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultProducer(ProducerConfig config, ClientInstance client) {
        this.config = config;
        this.client = client;
        this.sender = new MessageSender(client.remoting(), config.group());
    }

    static Producer start(ProducerConfig config) {
        Objects.requireNonNull(config, "config must not be null");
        ClientInstance client =
                ClientInstance.acquire(
                        new ClientOptions(
                                config.nameServerAddresses(),
                                config.instanceName(),
                                config.headerSerialization(),
                                config.requestTimeout(),
                                config.routeRefreshInterval(),
                                config.heartbeatInterval(),
                                config.defaultTopicQueueNums()));
        client.registerProducer(config.group());
        return new DefaultProducer(config, client);
    }

    @Override
    public SendResult send(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        if (closed.get()) {
            throw new ProducerException(
                    "producer of group '" + config.group() + "' is closed; create a new one");
        }
        MessageValidator.validateForSend(message, config.maxMessageSize());
        String messageId = ids.next();
        PreparedMessage prepared =
                new PreparedMessage(
                        message, messageId, PropertiesCodec.encodeForSend(message, messageId));
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<RuntimeException> failures = new ArrayList<>();
        String avoidBroker = null;
        for (int attempt = 0; attempt <= config.retryTimesWhenSendFailed(); attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            PublishSnapshot snapshot = publishInfo(message.topic());
            MessageQueue queue = selector.select(snapshot, avoidBroker);
            String address = snapshot.masterAddress(queue.brokerName());
            client.ensureHeartbeat(address);
            try {
                return sender.send(prepared, queue, address, Duration.ofNanos(remaining));
            } catch (BrokerRejectedException e) {
                if (!RETRYABLE_CODES.contains(e.responseCode())) {
                    throw e;
                }
                failures.add(e);
            } catch (SendTimeoutException e) {
                throw withPrevious(e, failures);
            } catch (ProducerException e) {
                failures.add(e);
            }
            avoidBroker = queue.brokerName();
        }
        throw exhausted(message.topic(), failures);
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.releaseProducer(config.group());
        }
    }

    @Override
    public String toString() {
        return "Producer[group=" + config.group() + ", client=" + client.clientId() + "]";
    }

    private PublishSnapshot publishInfo(String topic) {
        try {
            return client.routes()
                    .publishInfo(topic)
                    .orElseThrow(() -> new NoRouteException(topic, config.nameServer()));
        } catch (RouteLookupException e) {
            throw new ProducerException(e.getMessage(), e);
        }
    }

    private ProducerException exhausted(String topic, List<RuntimeException> failures) {
        if (failures.isEmpty()) {
            return new SendTimeoutException(
                    "send to topic '"
                            + topic
                            + "' found no time for an attempt within "
                            + config.sendTimeout().toMillis()
                            + " ms",
                    config.sendTimeout(),
                    null);
        }
        RuntimeException last = failures.remove(failures.size() - 1);
        if (last instanceof BrokerRejectedException rejected) {
            return withPrevious(rejected, failures);
        }
        ProducerException failure =
                new ProducerException(
                        "send to topic '"
                                + topic
                                + "' failed after "
                                + (failures.size() + 1)
                                + " attempt(s): "
                                + last.getMessage(),
                        last);
        return withPrevious(failure, failures);
    }

    private static <E extends RuntimeException> E withPrevious(
            E failure, List<RuntimeException> previous) {
        previous.forEach(failure::addSuppressed);
        return failure;
    }
}
