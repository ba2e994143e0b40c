package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow control side by side: Liftoff and the official {@code DefaultMQProducer} 5.3.3, each with
 * its defaults, against one real 5.3.3 broker that sheds load at once ({@code
 * sendMessageThreadPoolNums=1}, {@code sendThreadPoolQueueCapacity=1}). Each run issues a burst of
 * async 128 B sends at once on a fresh topic and reports, per client: sends failed (by reason),
 * SYSTEM_BUSY answers the client received per message stored, the time from the first send to the
 * last outcome, and the messages the official consumer reads back. Before the bursts, Liftoff sends
 * at a few steady rates to measure what the broker stores when paced.
 *
 * <p>Busy answers are counted where each client receives them: Liftoff's from its send window
 * ({@link ConnectionStatus.SendWindowStatus#flowControlAnswers()}), the official client's by a
 * handler this harness adds to its Netty pipeline, since its async sends call no RPC hook.
 *
 * <p>It prints {@code [flow-control]} lines for docs/reliability.md and asserts only that Liftoff
 * failed no send; its name keeps it out of {@code mvn verify}. Runs: {@code -Dflow.runs=3}.
 */
class FlowControlComparison {

    private static final int[] BURSTS = {2_000, 20_000};
    private static final int PACED_SENDS = 5_000;
    private static final int[] PACED_RATES = {1_000, 2_000, 3_000, 4_000, 6_000};
    private static final int BODY_SIZE = 128;

    private static EmbeddedRocketMQ busy;
    private static int topics;

    @BeforeAll
    static void start() {
        busy = BusyBrokerIntegrationTests.startSheddingBroker();
    }

    @AfterAll
    static void stop() {
        busy.close();
    }

    @Test
    void compare() throws Exception {
        for (int rate : PACED_RATES) {
            paced(rate);
        }
        int runs = Integer.getInteger("flow.runs", 3);
        List<Burst> bursts = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (int size : BURSTS) {
                bursts.add(liftoff(size, run));
                bursts.add(official(size, run));
            }
        }
        print(
                "| client | burst | run | failed | busy answers | busy / stored | drain ms"
                        + " | acknowledged | read back |");
        print("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        bursts.forEach(burst -> print(burst.row()));
        assertThat(bursts)
                .filteredOn(burst -> burst.client().equals("liftoff"))
                .allSatisfy(burst -> assertThat(burst.failed()).isEmpty());
    }

    /**
     * Liftoff sending at a steady {@code rate} (open loop: each send at its scheduled time,
     * whatever the answers): what the broker stores when paced, and from which rate it sheds load.
     */
    private static void paced(int rate) throws Exception {
        String topic = topic();
        try (Producer producer = Producer.create(liftoffConfig("paced").build())) {
            producer.send(message(topic, -1));
            long busyBefore = flowControlAnswers(producer);
            CountDownLatch done = new CountDownLatch(PACED_SENDS);
            LongAdder failed = new LongAdder();
            AtomicLong lastOutcome = new AtomicLong();
            long start = System.nanoTime();
            for (int i = 0; i < PACED_SENDS; i++) {
                long due = start + i * 1_000_000_000L / rate;
                while (System.nanoTime() - due < 0) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                producer.sendAsync(message(topic, i))
                        .whenComplete(
                                (result, failure) -> {
                                    if (failure != null) {
                                        failed.increment();
                                    }
                                    lastOutcome.accumulateAndGet(System.nanoTime(), Math::max);
                                    done.countDown();
                                });
            }
            done.await();
            long nanos = lastOutcome.get() - start;
            print(
                    String.format(
                            "paced at %,d msgs/s: %,d sends stored at %,.0f msgs/s, %d busy"
                                    + " answers, %d failed",
                            rate,
                            PACED_SENDS,
                            PACED_SENDS * 1e9 / nanos,
                            flowControlAnswers(producer) - busyBefore,
                            failed.sum()));
        }
    }

    private static Burst liftoff(int size, int run) throws Exception {
        String topic = topic();
        Outcomes outcomes = new Outcomes();
        long busyAnswers;
        try (Producer producer = Producer.create(liftoffConfig("burst").build())) {
            producer.send(message(topic, -1));
            long busyBefore = flowControlAnswers(producer);
            List<CompletableFuture<SendResult>> sends = new ArrayList<>(size);
            outcomes.start();
            for (int i = 0; i < size; i++) {
                sends.add(
                        producer.sendAsync(message(topic, i))
                                .whenComplete(
                                        (result, failure) ->
                                                outcomes.ended(
                                                        failure == null ? null : reason(failure))));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .join();
            busyAnswers = flowControlAnswers(producer) - busyBefore;
        }
        return outcomes.burst("liftoff", size, run, busyAnswers, readBack(topic, outcomes));
    }

    private static Burst official(int size, int run) throws Exception {
        String topic = topic();
        Outcomes outcomes = new Outcomes();
        DefaultMQProducer producer = new DefaultMQProducer("fc-official-" + UUID.randomUUID());
        producer.setNamesrvAddr(busy.nameServerAddress());
        producer.setInstanceName("fc-official-" + UUID.randomUUID());
        producer.start();
        try {
            producer.send(officialMessage(topic, -1));
            BusyCounter counter = BusyCounter.install(producer);
            CountDownLatch done = new CountDownLatch(size);
            outcomes.start();
            for (int i = 0; i < size; i++) {
                try {
                    producer.send(
                            officialMessage(topic, i),
                            new SendCallback() {
                                @Override
                                public void onSuccess(
                                        org.apache.rocketmq.client.producer.SendResult result) {
                                    outcomes.ended(null);
                                    done.countDown();
                                }

                                @Override
                                public void onException(Throwable failure) {
                                    outcomes.ended(reason(failure));
                                    done.countDown();
                                }
                            });
                } catch (Exception e) {
                    outcomes.ended(reason(e));
                    done.countDown();
                }
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError("official sends without outcome: " + done.getCount());
            }
            return outcomes.burst("official", size, run, counter.busy(), readBack(topic, outcomes));
        } finally {
            producer.shutdown();
        }
    }

    /** Messages of the burst that the official consumer reads back, the warm-up one excluded. */
    private static int readBack(String topic, Outcomes outcomes) throws Exception {
        long acknowledged = outcomes.acknowledged();
        List<MessageExt> stored =
                OfficialConsumer.readUntil(
                        busy.nameServerAddress(),
                        topic,
                        received -> received.size() > acknowledged,
                        Duration.ofSeconds(120));
        return stored.size() - 1;
    }

    private static ProducerConfig.Builder liftoffConfig(String group) {
        return ProducerConfig.builder()
                .nameServer(busy.nameServerAddress())
                .group("fc-" + group + "-" + UUID.randomUUID());
    }

    private static long flowControlAnswers(Producer producer) {
        return producer.connectionStatus().brokers().stream()
                .mapToLong(broker -> broker.sendWindow().flowControlAnswers())
                .sum();
    }

    private static String topic() {
        String topic = "flow-" + ++topics;
        busy.createTopic(topic, 4);
        return topic;
    }

    private static io.liftoff.producer.message.Message message(String topic, int i) {
        return io.liftoff.producer.message.Message.builder(topic).body(body(i)).build();
    }

    private static org.apache.rocketmq.common.message.Message officialMessage(String topic, int i) {
        return new org.apache.rocketmq.common.message.Message(topic, body(i));
    }

    private static byte[] body(int i) {
        byte[] body = new byte[BODY_SIZE];
        byte[] id = ("m" + i + "-").getBytes(StandardCharsets.US_ASCII);
        for (int b = 0; b < body.length; b++) {
            body[b] = id[b % id.length];
        }
        return body;
    }

    /** Why a send failed, in a few words: the exception and, for a broker's answer, its code. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BrokerRejectedException rejected) {
            return cause.getClass().getSimpleName() + " " + rejected.responseCode();
        }
        if (cause instanceof MQBrokerException rejected) {
            return "MQBrokerException " + rejected.getResponseCode();
        }
        return cause.getClass().getSimpleName();
    }

    private static void print(String line) {
        System.out.println("[flow-control] " + line);
    }

    /** Outcomes of one burst as they arrive. */
    private static final class Outcomes {
        private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
        private final LongAdder acknowledged = new LongAdder();
        private final AtomicLong lastOutcome = new AtomicLong();
        private long start;

        void start() {
            start = System.nanoTime();
        }

        void ended(String failure) {
            if (failure == null) {
                acknowledged.increment();
            } else {
                failed.computeIfAbsent(failure, f -> new LongAdder()).increment();
            }
            lastOutcome.accumulateAndGet(System.nanoTime(), Math::max);
        }

        long acknowledged() {
            return acknowledged.sum();
        }

        Burst burst(String client, int size, int run, long busyAnswers, int readBack) {
            Map<String, Long> failures = new TreeMap<>();
            failed.forEach((reason, count) -> failures.put(reason, count.sum()));
            return new Burst(
                    client,
                    size,
                    run,
                    failures,
                    busyAnswers,
                    TimeUnit.NANOSECONDS.toMillis(lastOutcome.get() - start),
                    acknowledged(),
                    readBack);
        }
    }

    private record Burst(
            String client,
            int size,
            int run,
            Map<String, Long> failed,
            long busyAnswers,
            long drainMillis,
            long acknowledged,
            int readBack) {

        String row() {
            long failedSends = failed.values().stream().mapToLong(Long::longValue).sum();
            return String.format(
                    "| %s | %,d | %d | %,d %s | %,d | %.2f | %,d | %,d | %,d |",
                    client,
                    size,
                    run,
                    failedSends,
                    failed.isEmpty() ? "" : failed.toString(),
                    busyAnswers,
                    readBack == 0 ? Double.NaN : (double) busyAnswers / readBack,
                    drainMillis,
                    acknowledged,
                    readBack);
        }
    }

    /**
     * Counts the SYSTEM_BUSY answers an official producer receives, by a handler in front of its
     * own response handler on each of its connections.
     */
    private static final class BusyCounter extends ChannelInboundHandlerAdapter {

        private final LongAdder busy = new LongAdder();

        static BusyCounter install(DefaultMQProducer producer) throws Exception {
            NettyRemotingClient remoting =
                    (NettyRemotingClient)
                            producer.getDefaultMQProducerImpl()
                                    .getMqClientFactory()
                                    .getMQClientAPIImpl()
                                    .getRemotingClient();
            Field tables = NettyRemotingClient.class.getDeclaredField("channelTables");
            tables.setAccessible(true);
            BusyCounter counter = new BusyCounter();
            for (Object wrapper : ((ConcurrentMap<?, ?>) tables.get(remoting)).values()) {
                Field future = wrapper.getClass().getDeclaredField("channelFuture");
                future.setAccessible(true);
                Channel channel = ((ChannelFuture) future.get(wrapper)).channel();
                String responseHandler = null;
                for (Map.Entry<String, ChannelHandler> handler : channel.pipeline()) {
                    if (handler.getValue()
                            .getClass()
                            .getSimpleName()
                            .equals("NettyClientHandler")) {
                        responseHandler = handler.getKey();
                    }
                }
                channel.pipeline().addBefore(responseHandler, "busy-counter", counter);
            }
            return counter;
        }

        long busy() {
            return busy.sum();
        }

        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof RemotingCommand command
                    && command.isResponseType()
                    && command.getCode() == 2) {
                busy.increment();
            }
            context.fireChannelRead(message);
        }
    }
}
