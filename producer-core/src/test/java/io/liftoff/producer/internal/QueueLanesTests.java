package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.WritableBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The bounds and the order of the queue lanes, with the requests and the lanes' loops in the test's
 * hands: what goes alone, what is held, when a batch goes, that each message's own operation gets
 * its own outcome and retries on its own, and that a sharding key's messages go one request at a
 * time.
 */
class QueueLanesTests {

    private static final String PROPERTIES_BEFORE_ID = "WAIT\u0001true\u0002UNIQ_KEY\u0001";

    private final List<Request> requests = new ArrayList<>();
    private final Deque<Runnable> loopTasks = new ArrayDeque<>();
    private final List<Long> lingerDelays = new ArrayList<>();
    private final Deque<Runnable> lingerTasks = new ArrayDeque<>();
    private final Map<String, SendWindow> windows = new HashMap<>();
    private boolean loopClosed;

    /** A request the batcher sent: its message ids in order, and how to answer it. */
    private record Request(
            List<String> ids,
            List<SendOperation> operations,
            MessageQueue queue,
            long timeoutNanos,
            Runnable answered) {

        boolean batch() {
            return ids.size() > 1;
        }

        /** Stores every message, at consecutive offsets from {@code firstOffset}. */
        void store(long firstOffset) {
            for (int i = 0; i < operations.size(); i++) {
                operations
                        .get(i)
                        .attempted(
                                new SendResult(
                                        SendStatus.SEND_OK,
                                        ids.get(i),
                                        "OFFSET-" + ids.get(i),
                                        queue,
                                        firstOffset + i,
                                        null,
                                        null,
                                        null),
                                null);
            }
            answered.run();
        }

        /** Fails every message, each with its own exception. */
        void fail() {
            for (SendOperation operation : operations) {
                operation.attempted(
                        null,
                        new SendTimeoutException(
                                "no answer", Duration.ofNanos(timeoutNanos), null));
            }
            answered.run();
        }
    }

    @Test
    void aMessageShouldGoAloneAtOnceWhenNothingOfItsQueueIsInFlight() throws Exception {
        QueueLanes batcher = batcher(AutoBatch.enabled());

        SendOperation first = send(batcher, "m1");

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).ids()).containsExactly("m1");
        assertThat(loopTasks).isEmpty();
        requests.get(0).store(7);
        assertThat(first.outcome().get().queueOffset()).isEqualTo(7);
        // answered, the lane is empty again: the next goes alone at once too
        send(batcher, "m2");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).ids()).containsExactly("m2");
    }

    @Test
    void productionLanesShouldHoldAsyncSendsFromOneRequestInFlight() {
        QueueLanes lanes = productionLanes();
        send(lanes, "m1");
        send(lanes, "m2"); // one in flight: held
        send(lanes, "m3");

        assertThat(QueueLanes.HOLD_AT).isEqualTo(1);
        assertThat(requests).extracting(Request::ids).containsExactly(List.of("m1"));
        requests.get(0).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("m2", "m3"));
        // a sharding key's message waits until none is in flight, even one whose caller waits
        startWaitedFor(lanes, ordered("o4"));
        runLoop();
        assertThat(requests).hasSize(2);
        requests.get(1).store(1);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o4"));
    }

    @Test
    void productionLanesShouldHoldASendWhoseCallerWaitsOnlyFromFourRequestsInFlight() {
        QueueLanes lanes = productionLanes();
        for (String id : List.of("w1", "w2", "w3", "w4", "w5", "w6")) {
            startWaitedFor(lanes, message(id, 10));
        }

        assertThat(QueueLanes.HOLD_AT_WHEN_WAITED).isEqualTo(4);
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("w1"), List.of("w2"), List.of("w3"), List.of("w4"));
        requests.get(0).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("w5", "w6"));
    }

    @Test
    void aSendWhoseCallerWaitsShouldNeverOvertakeWhatIsHeld() {
        QueueLanes lanes = productionLanes();
        startWaitedFor(lanes, message("w1", 10));
        send(lanes, "a2"); // async, one in flight: held
        startWaitedFor(lanes, message("w3", 10)); // fewer than four in flight, but behind a2

        assertThat(requests).extracting(Request::ids).containsExactly(List.of("w1"));
        requests.get(0).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("a2", "w3"));
    }

    @Test
    void messagesBehindAnAnswerShouldGoAsOneBatchWhenItComesEachWithItsOwnResult()
            throws Exception {
        QueueLanes batcher = batcher(AutoBatch.enabled());
        send(batcher, "m1");
        List<SendOperation> held = List.of(send(batcher, "m2"), send(batcher, "m3"));
        SendOperation last = send(batcher, "m4");

        assertThat(requests).hasSize(1); // held, not sent
        requests.get(0).store(10);
        runLoop();

        assertThat(requests).hasSize(2);
        Request batch = requests.get(1);
        assertThat(batch.ids()).containsExactly("m2", "m3", "m4");
        batch.store(11);
        assertThat(held.get(0).outcome().get().messageId()).isEqualTo("m2");
        assertThat(held.get(0).outcome().get().queueOffset()).isEqualTo(11);
        assertThat(held.get(1).outcome().get().queueOffset()).isEqualTo(12);
        assertThat(last.outcome().get().queueOffset()).isEqualTo(13);
        assertThat(last.outcome().get().offsetMessageId()).isEqualTo("OFFSET-m4");
        assertThat(last.attempts()).isOne();
    }

    @Test
    void aFullBatchShouldGoAtOnceWithoutWaitingForTheAnswerOrTheLinger() {
        QueueLanes batcher = batcher(AutoBatch.enabled().withMaxMessages(3));
        send(batcher, "m1");
        send(batcher, "m2");
        send(batcher, "m3");
        assertThat(loopTasks).isEmpty();

        send(batcher, "m4"); // the third held: full

        runLoop();
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("m2", "m3", "m4"));
        send(batcher, "m5");
        runLoop();
        assertThat(requests).hasSize(2); // held: two requests in flight
    }

    @Test
    void aMessageThatWouldOverfillTheBytesBoundShouldSendWhatIsHeldFirst() {
        QueueLanes batcher = batcher(AutoBatch.enabled().withMaxBytes(1024));
        int record = CoalescedBatch.recordSize(message("m1", 300));
        send(batcher, "m1", 300);
        send(batcher, "m2", 300);
        send(batcher, "m3", 300); // two records held fit; a third would not
        assertThat(2 * record).isLessThanOrEqualTo(1024);
        assertThat(3 * record).isGreaterThan(1024);
        assertThat(requests).hasSize(1);

        send(batcher, "m4", 300);

        runLoop();
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("m2", "m3"));
    }

    @Test
    void theLingerShouldSendWhatIsHeldWhenNoAnswerCameByThen() {
        QueueLanes batcher = batcher(AutoBatch.enabled().withLinger(Duration.ofMillis(3)));
        send(batcher, "m1");
        send(batcher, "m2");
        send(batcher, "m3");

        assertThat(lingerDelays).containsExactly(Duration.ofMillis(3).toNanos());
        assertThat(lingerTasks).hasSize(1); // one timer for what is held, not one per message
        // the timer fires at the linger (the test waits it out, so nothing is early)
        sleep(Duration.ofMillis(4));
        lingerTasks.poll().run();

        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("m2", "m3"));
    }

    @Test
    void aTimerThatFiresBeforeTheNewestHeldMessagesWaitedTheLingerShouldWaitOnForThem() {
        QueueLanes batcher = batcher(AutoBatch.enabled().withLinger(Duration.ofSeconds(1)));
        send(batcher, "m1");
        send(batcher, "m2");
        Runnable timer = lingerTasks.poll();

        timer.run(); // early: m2 has not waited a second

        assertThat(requests).hasSize(1);
        assertThat(lingerTasks).hasSize(1);
        assertThat(lingerDelays.get(1)).isPositive().isLessThanOrEqualTo(lingerDelays.get(0));
    }

    @Test
    void aMessageThatMayNotBeBatchedShouldGoAloneAfterWhatItsQueueHolds() {
        QueueLanes batcher = batcher(AutoBatch.enabled());
        send(batcher, "m1");
        send(batcher, "m2");
        send(batcher, "m3");

        sendMessage(batcher, unbatchable("delayed"), queue("a"));
        send(batcher, "m4");

        runLoop();
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("m2", "m3"), List.of("delayed"));
        // m4 came after: held behind them, not before
        requests.get(0).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("m4"));
    }

    @Test
    void aMessageThatMayNotBeBatchedShouldGoAtOnceWhenNothingOfItsQueueWaits() {
        QueueLanes lanes = productionLanes();
        send(lanes, "m1");

        sendMessage(lanes, unbatchable("delayed"), queue("a"));

        // on the caller's thread, as with batching off: no hold, no hop to the lane's loop
        assertThat(loopTasks).isEmpty();
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("delayed"));
    }

    @Test
    void aMessageLargerThanTheBytesBoundShouldGoAloneInItsTurn() {
        QueueLanes batcher = batcher(AutoBatch.enabled().withMaxBytes(1024));
        send(batcher, "m1");
        send(batcher, "m2");
        send(batcher, "big", 2000);

        runLoop();
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("m2"), List.of("big"));
    }

    @Test
    void eachQueueShouldHaveItsOwnLane() {
        QueueLanes batcher = batcher(AutoBatch.enabled());
        send(batcher, "a1");
        sendMessage(batcher, message("b1", 10), queue("b"));

        assertThat(requests).extracting(Request::ids).containsExactly(List.of("a1"), List.of("b1"));
    }

    @Test
    void aFailedBatchShouldFailEachMessageWhichThenRetriesOnItsOwn() throws Exception {
        QueueLanes batcher = batcher(AutoBatch.enabled());
        // the first attempts go to broker a, retries to b
        send(batcher, "m1");
        SendOperation m2 = send(batcher, "m2");
        SendOperation m3 = send(batcher, "m3");
        requests.get(0).store(0);
        runLoop();

        requests.get(1).fail();

        runLoop();
        // each retried on broker b, where its queue's lane was idle: m2 alone, m3 behind it
        assertThat(requests.get(2).ids()).containsExactly("m2");
        assertThat(requests.get(2).queue().brokerName()).isEqualTo("b");
        requests.get(2).store(100);
        runLoop();
        assertThat(requests.get(3).ids()).containsExactly("m3");
        requests.get(3).store(101);
        assertThat(m2.outcome().get().queue().brokerName()).isEqualTo("b");
        assertThat(m2.attempts()).isEqualTo(2);
        assertThat(m3.outcome().get().queueOffset()).isEqualTo(101);
        assertThat(m3.attempts()).isEqualTo(2);
    }

    @Test
    void aBatchRequestShouldTimeOutWithItsEarliestMessage() {
        QueueLanes batcher = batcher(AutoBatch.enabled());
        send(batcher, "m1");
        send(batcher, "m2", 10, Duration.ofSeconds(2));
        send(batcher, "m3", 10, Duration.ofSeconds(9));
        requests.get(0).store(0);
        runLoop();

        assertThat(requests.get(1).ids()).containsExactly("m2", "m3");
        assertThat(requests.get(1).timeoutNanos())
                .isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos())
                .isGreaterThan(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aRequestThatCannotGoOutShouldFailEachOfItsMessagesAndFreeTheLane() throws Exception {
        QueueLanes batcher =
                new QueueLanes(
                        new QueueLanes.Requests() {
                            @Override
                            public void sendAlone(
                                    PreparedMessage message,
                                    MessageQueue queue,
                                    String address,
                                    long timeoutNanos,
                                    SendOperation operation,
                                    Runnable answered) {
                                throw new ProducerException("refused by the remoting layer");
                            }

                            @Override
                            public void sendBatch(
                                    PreparedMessage batch,
                                    List<SendOperation> operations,
                                    MessageQueue queue,
                                    String address,
                                    long timeoutNanos,
                                    Runnable answered) {
                                throw new ProducerException("refused by the remoting layer");
                            }
                        },
                        this::loop,
                        AutoBatch.enabled(),
                        1,
                        1);

        SendOperation operation = send(batcher, "m1", 10, Duration.ofSeconds(1), 0);

        assertThat(operation.outcome()).isCompletedExceptionally();
        assertThat(operation.attempts()).isOne();
    }

    @Test
    void aClosedLoopShouldSendEachMessageAtOnceOnTheCallersThread() {
        QueueLanes batcher = batcher(AutoBatch.enabled());
        send(batcher, "m1");
        loopClosed = true;

        send(batcher, "m2");
        send(batcher, "m3");

        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("m2"), List.of("m3"));
    }

    @Test
    void aRequestWithAShardingKeysMessageShouldWaitUntilNothingOfItsQueueIsInFlight() {
        QueueLanes lanes = batcher(AutoBatch.enabled().withMaxMessages(2));
        send(lanes, "m1");
        start(lanes, ordered("o2"));
        start(lanes, ordered("o3")); // full, but m1 is in flight

        runLoop();
        assertThat(requests).extracting(Request::ids).containsExactly(List.of("m1"));

        requests.get(0).store(0);
        runLoop();
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("o2", "o3"));
        send(lanes, "m4");
        start(lanes, ordered("o5"));
        send(lanes, "m6");
        runLoop();
        // m4 has no key: it may go while the key's batch is in flight; o5 waits until nothing of
        // the queue is, and m6 came after it
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("o2", "o3"), List.of("m4"));
        requests.get(1).store(1);
        runLoop();
        assertThat(requests).hasSize(3);
        requests.get(2).store(3);
        runLoop();
        // o5 goes alone once the queue is idle; m6, without a key, need not wait for its answer
        assertThat(requests.subList(3, requests.size()))
                .extracting(Request::ids)
                .containsExactly(List.of("o5"), List.of("m6"));
    }

    @Test
    void messagesOfAnotherShardingKeyShouldNotShareABatchWhichCarriesItsKeyInItsHeader() {
        QueueLanes lanes = batcher(AutoBatch.enabled());
        send(lanes, "m1");
        start(lanes, ordered("k1-a", "k1"));
        start(lanes, ordered("k1-b", "k1"));
        start(lanes, ordered("k2-a", "k2"));

        requests.get(0).store(0);
        runLoop();

        // k1's batch goes; k2's request waits until nothing of the queue is in flight
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("m1"), List.of("k1-a", "k1-b"));
        PreparedMessage batch =
                CoalescedBatch.encode(
                        "t",
                        List.of(ordered("k1-a", "k1"), ordered("k1-b", "k1")),
                        2 * CoalescedBatch.recordSize(ordered("k1-a", "k1")));
        assertThat(batch.properties())
                .isEqualTo(CoalescedBatch.HEADER_PROPERTIES + "__SHARDINGKEY\u0001k1\u0002");
        requests.get(1).store(1);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("k2-a"));
    }

    @Test
    void withBatchingOffOnlyShardingKeyMessagesShouldTakeALaneEachAloneOneAtATime() {
        QueueLanes lanes = batcher(AutoBatch.disabled());
        send(lanes, "p1");
        send(lanes, "p2");
        start(lanes, ordered("o1"));
        start(lanes, ordered("o2"));
        start(lanes, ordered("o3"));
        runLoop();

        // p1 and p2 went at once, in flight together; o1 alone; o2 and o3 wait for it
        assertThat(requests)
                .extracting(Request::ids)
                .containsExactly(List.of("p1"), List.of("p2"), List.of("o1"));
        requests.get(2).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o2"));
        requests.get(3).store(1);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o3"));
        assertThat(lingerTasks).isEmpty();
        assertThat(lanes.counts().batches()).isZero();
    }

    @Test
    void aShardingKeysMessageRetriedAtOnceShouldGoBeforeTheKeysNextMessage() throws Exception {
        QueueLanes lanes = batcher(AutoBatch.disabled());
        SendOperation o1 = startOnQueueA(lanes, ordered("o1"), (task, delay) -> task.run());
        startOnQueueA(lanes, ordered("o2"), (task, delay) -> task.run());

        requests.get(0).fail(); // o1 retries at once, on the same queue
        runLoop();

        assertThat(requests).extracting(Request::ids).containsExactly(List.of("o1"), List.of("o1"));
        requests.get(1).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o2"));
        assertThat(o1.outcome().get().queueOffset()).isZero();
        assertThat(o1.attempts()).isEqualTo(2);
    }

    @Test
    void aShardingKeysMessageRetriedLaterShouldKeepItsQueueWaitingUntilItIsBack() {
        QueueLanes lanes = batcher(AutoBatch.disabled());
        Deque<Runnable> backOffs = new ArrayDeque<>();
        startOnQueueA(lanes, ordered("o1"), (task, delay) -> backOffs.add(task));
        startOnQueueA(lanes, ordered("o2"), (task, delay) -> backOffs.add(task));
        startOnQueueA(lanes, ordered("o3"), (task, delay) -> backOffs.add(task));

        // the broker is going away: o1 retries after a back-off
        answerGoingAway(requests.get(0));
        runLoop();
        assertThat(requests).hasSize(1);
        assertThat(backOffs).hasSize(1);

        backOffs.poll().run();
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o1"));
        // o1 fails again: its retry still goes before o2
        answerGoingAway(requests.get(1));
        runLoop();
        backOffs.poll().run();
        runLoop();
        assertThat(requests).extracting(Request::ids).hasSize(3).last().isEqualTo(List.of("o1"));
        requests.get(2).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o2"));
        requests.get(3).store(1);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o3"));
    }

    @Test
    void aShardingKeysMessageThatMetFlowControlShouldPauseAndStillGoBeforeTheKeysNextMessage()
            throws Exception {
        QueueLanes lanes = batcher(AutoBatch.disabled());
        List<Duration> pauses = new ArrayList<>();
        Deque<Runnable> paused = new ArrayDeque<>();
        SendOperation.Delays delays =
                (task, delay) -> {
                    pauses.add(delay);
                    paused.add(task);
                };
        SendOperation o1 = startOnQueueA(lanes, ordered("o1"), delays);
        startOnQueueA(lanes, ordered("o2"), delays);

        // the broker sheds load twice: o1 pauses (5 to 10 ms, then 10 to 20), o2 waits behind it
        for (int i = 1; i <= 2; i++) {
            answer(requests.get(i - 1), ResponseCode.SYSTEM_BUSY, "[TIMEOUT_CLEAN_QUEUE]busy");
            runLoop();
            assertThat(requests).hasSize(i);
            paused.poll().run();
            runLoop();
            assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o1"));
        }
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
        requests.get(2).store(0);
        runLoop();

        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o2"));
        assertThat(o1.outcome().get().queueOffset()).isZero();
        // flow-control answers spend no retry: two of them and a third attempt, of three allowed
        assertThat(o1.attempts()).isEqualTo(3);
    }

    @Test
    void aShardingKeysRetryShouldTakeRoomPastTheWindowLimitThatTheKeysLaterMessagesFill() {
        QueueLanes lanes = batcher(AutoBatch.disabled());
        SendWindow oneAtATime =
                new SendWindow(
                        "a", 1, Runnable::run, (task, delay) -> task.run(), new SendBacklog());
        // no delay ever ends: o2 waits for room without a deadline
        SendOperation.Delays never = (task, delay) -> {};
        startOnQueueA(lanes, ordered("o1"), never, oneAtATime);
        startOnQueueA(lanes, ordered("o2"), never, oneAtATime);
        assertThat(oneAtATime.status().waiting()).isOne();

        // o1 times out: its room goes to o2, which its lane holds back; o1's retry goes anyway
        requests.get(0).fail();
        runLoop();

        assertThat(requests).extracting(Request::ids).containsExactly(List.of("o1"), List.of("o1"));
        assertThat(oneAtATime.status().inFlight()).isEqualTo(2);
        requests.get(1).store(0);
        runLoop();
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o2"));
        requests.get(2).store(1);
        assertThat(oneAtATime.status().inFlight()).isZero();
    }

    @Test
    void aShardingKeysMessageRetriedElsewhereShouldFreeItsQueueOnceItsSendEnded() throws Exception {
        QueueLanes lanes = batcher(AutoBatch.disabled());
        // the first attempt goes to broker a, the retry to b
        SendOperation o1 = start(lanes, ordered("o1"), Duration.ofSeconds(5), 1);
        start(lanes, ordered("o2"));

        requests.get(0).fail();
        runLoop();
        // o1 is retried on b; a's lane waits for its outcome
        assertThat(requests).extracting(Request::ids).containsExactly(List.of("o1"), List.of("o1"));
        assertThat(requests.get(1).queue().brokerName()).isEqualTo("b");
        requests.get(1).store(5);
        runLoop();

        assertThat(o1.outcome().get().queue().brokerName()).isEqualTo("b");
        assertThat(requests).last().extracting(Request::ids).isEqualTo(List.of("o2"));
        assertThat(requests.get(2).queue().brokerName()).isEqualTo("a");
    }

    @Test
    void aBatchBodyShouldHoldEachMessageWithItsOwnIdAndPropertiesInOrder() {
        PreparedMessage first = message("id-1", 3);
        PreparedMessage second =
                PreparedMessage.single(
                        "t",
                        "id-2",
                        "TAGS\u0001x\u0002UNIQ_KEY\u0001id-2\u0002",
                        false,
                        WritableBody.of(new byte[] {9, 8}),
                        0,
                        5,
                        true,
                        null);
        int bytes = CoalescedBatch.recordSize(first) + CoalescedBatch.recordSize(second);

        PreparedMessage batch = CoalescedBatch.encode("t", List.of(first, second), bytes);

        assertThat(batch.batch()).isTrue();
        assertThat(batch.batchIds()).containsExactly("id-1", "id-2");
        assertThat(batch.messageId()).isEqualTo("id-1,id-2");
        assertThat(batch.properties()).isEqualTo(CoalescedBatch.HEADER_PROPERTIES);
        assertThat(batch.bodyLength()).isEqualTo(bytes);
        // a frame is sized to its body: the records fit it exactly, without growing it
        ByteBuf written = Unpooled.directBuffer(bytes, bytes);
        batch.body().writeTo(written);
        ByteBuffer body = ByteBuffer.wrap(ByteBufUtil.getBytes(written));
        written.release();
        assertThat(body.remaining()).isEqualTo(bytes);
        assertThat(record(body, 0)).isEqualTo(PROPERTIES_BEFORE_ID + "id-1\u0002");
        assertThat(record(body, 1)).isEqualTo("TAGS\u0001x\u0002UNIQ_KEY\u0001id-2\u0002");
        assertThat(body.getInt(CoalescedBatch.recordSize(first) + 12)).isEqualTo(5); // flag
    }

    /** The property string of record {@code index} of a batch body. */
    private static String record(ByteBuffer body, int index) {
        ByteBuffer read = body.duplicate();
        for (int i = 0; i < index; i++) {
            read.position(read.position() + read.getInt(read.position()));
        }
        int start = read.position();
        int bodyLength = read.getInt(start + 16);
        int propertiesAt = start + 20 + bodyLength;
        byte[] properties = new byte[read.getShort(propertiesAt)];
        read.position(propertiesAt + 2);
        read.get(properties);
        return new String(properties, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Lanes that hold from one request in flight: the simplest to follow. */
    private QueueLanes batcher(AutoBatch bounds) {
        return new QueueLanes(new RecordingRequests(), this::loop, bounds, 1, 1);
    }

    /** Lanes with production's thresholds and default bounds. */
    private QueueLanes productionLanes() {
        return new QueueLanes(
                new RecordingRequests(),
                this::loop,
                AutoBatch.enabled(),
                QueueLanes.HOLD_AT,
                QueueLanes.HOLD_AT_WHEN_WAITED);
    }

    private QueueLanes.Loop loop() {
        return new QueueLanes.Loop() {
            @Override
            public void execute(Runnable task) {
                if (loopClosed) {
                    throw new RejectedExecutionException("closed");
                }
                loopTasks.add(task);
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                if (loopClosed) {
                    throw new RejectedExecutionException("closed");
                }
                lingerDelays.add(delayNanos);
                lingerTasks.add(task);
            }
        };
    }

    private void runLoop() {
        while (!loopTasks.isEmpty()) {
            loopTasks.poll().run();
        }
    }

    private SendOperation send(QueueLanes batcher, String id) {
        return send(batcher, id, 10);
    }

    private SendOperation send(QueueLanes batcher, String id, int bodyLength) {
        return send(batcher, id, bodyLength, Duration.ofSeconds(5));
    }

    private SendOperation send(
            QueueLanes batcher, String id, int bodyLength, Duration attemptTimeout) {
        return send(batcher, id, bodyLength, attemptTimeout, 1);
    }

    private SendOperation send(
            QueueLanes batcher, String id, int bodyLength, Duration attemptTimeout, int retries) {
        return start(batcher, message(id, bodyLength), attemptTimeout, retries);
    }

    private SendOperation start(QueueLanes batcher, PreparedMessage message) {
        return start(batcher, message, Duration.ofSeconds(5), 0);
    }

    /** Starts an operation whose first attempt goes to broker a, its retries to b. */
    private SendOperation start(
            QueueLanes batcher, PreparedMessage message, Duration attemptTimeout, int retries) {
        return start(
                batcher,
                message,
                (task, delay) -> task.run(),
                (topic, failedBroker) -> {
                    String broker = failedBroker == null ? "a" : "b";
                    return new SendOperation.Target(
                            queue(broker), broker + ":1", window(broker), false);
                },
                new RetryPolicy(retries + 1, Duration.ofSeconds(30), attemptTimeout, false));
    }

    /** Starts an operation whose attempts all go to broker a's queue, with two retries. */
    private SendOperation startOnQueueA(
            QueueLanes lanes, PreparedMessage message, SendOperation.Delays delays) {
        return startOnQueueA(lanes, message, delays, window("a"));
    }

    private SendOperation startOnQueueA(
            QueueLanes lanes,
            PreparedMessage message,
            SendOperation.Delays delays,
            SendWindow window) {
        return start(
                lanes,
                message,
                delays,
                (topic, failedBroker) -> new SendOperation.Target(queue("a"), "a:1", window, true),
                new RetryPolicy(3, Duration.ofSeconds(30), null, false));
    }

    private static SendOperation start(
            QueueLanes lanes,
            PreparedMessage message,
            SendOperation.Delays delays,
            SendOperation.Targets targets,
            RetryPolicy policy) {
        return start(lanes, message, delays, targets, policy, Runnable::run);
    }

    /** Starts a send to broker a whose caller waits for it, as a sync send's does. */
    private SendOperation startWaitedFor(QueueLanes lanes, PreparedMessage message) {
        return start(
                lanes,
                message,
                (task, delay) -> task.run(),
                (topic, failedBroker) ->
                        new SendOperation.Target(queue("a"), "a:1", window("a"), false),
                new RetryPolicy(1, Duration.ofSeconds(30), null, false),
                SendOperation.ON_WAITING_CALLER);
    }

    private static SendOperation start(
            QueueLanes lanes,
            PreparedMessage message,
            SendOperation.Delays delays,
            SendOperation.Targets targets,
            RetryPolicy policy,
            Executor completions) {
        SendOperation operation =
                new SendOperation(
                        Engines.scripted(lanes, delays), message, targets, policy, 0, completions);
        operation.start();
        return operation;
    }

    /** Answers each message of {@code request} with GO_AWAY: a retry after a back-off. */
    private static void answerGoingAway(Request request) {
        answer(request, ResponseCode.GO_AWAY, "shutting down");
    }

    /** Answers each message of {@code request} with the error {@code code}. */
    private static void answer(Request request, int code, String remark) {
        for (SendOperation operation : request.operations()) {
            operation.attempted(null, BrokerRejections.of("send", "a:1", code, remark, null));
        }
        request.answered().run();
    }

    private void sendMessage(QueueLanes batcher, PreparedMessage message, MessageQueue queue) {
        batcher.send(
                message,
                queue,
                queue.brokerName() + ":1",
                Duration.ofSeconds(5).toNanos(),
                new SendOperation(
                        Engines.scripted(batcher, (task, delay) -> task.run()),
                        message,
                        (topic, failedBroker) -> {
                            throw new AssertionError("not started");
                        },
                        new RetryPolicy(1, Duration.ofSeconds(30), null, false),
                        0,
                        Runnable::run));
    }

    private static PreparedMessage message(String id, int bodyLength) {
        return PreparedMessage.single(
                "t",
                id,
                PROPERTIES_BEFORE_ID,
                true,
                WritableBody.of(new byte[bodyLength]),
                0,
                0,
                true,
                null);
    }

    private static PreparedMessage ordered(String id) {
        return ordered(id, "k");
    }

    private static PreparedMessage ordered(String id, String key) {
        return PreparedMessage.single(
                "t",
                id,
                "__SHARDINGKEY\u0001" + key + "\u0002UNIQ_KEY\u0001" + id + "\u0002",
                false,
                WritableBody.of(new byte[10]),
                0,
                0,
                true,
                key);
    }

    private static PreparedMessage unbatchable(String id) {
        return PreparedMessage.single(
                "t",
                id,
                "DELAY\u00011\u0002UNIQ_KEY\u0001" + id + "\u0002",
                false,
                WritableBody.of(new byte[10]),
                0,
                0,
                false,
                null);
    }

    private static MessageQueue queue(String broker) {
        return new MessageQueue("t", broker, 0);
    }

    private SendWindow window(String broker) {
        return windows.computeIfAbsent(
                broker,
                name ->
                        new SendWindow(
                                name,
                                10_000,
                                Runnable::run,
                                (task, delay) -> task.run(),
                                new SendBacklog()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Records each request; the test answers it. */
    private final class RecordingRequests implements QueueLanes.Requests {

        @Override
        public void sendAlone(
                PreparedMessage message,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                SendOperation operation,
                Runnable answered) {
            requests.add(
                    new Request(
                            List.of(message.messageId()),
                            List.of(operation),
                            queue,
                            timeoutNanos,
                            answered));
        }

        @Override
        public void sendBatch(
                PreparedMessage batch,
                List<SendOperation> operations,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                Runnable answered) {
            requests.add(new Request(batch.batchIds(), operations, queue, timeoutNanos, answered));
        }
    }
}
