package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.junit.jupiter.api.Test;

class UniqueIdGeneratorTests {

    private static final byte[] IPV4 = {10, 0, 0, 1};
    private static final byte[] IPV6 = {
        (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34
    };

    private final AtomicLong now = new AtomicLong();

    @Test
    void sharedShouldReturnSameInstance() {
        assertThat(UniqueIdGenerator.shared()).isSameAs(UniqueIdGenerator.shared());
    }

    @Test
    void nextShouldBeUppercaseHexOfRocketMqLength() {
        assertThat(UniqueIdGenerator.shared().next()).matches("[0-9A-F]{32}|[0-9A-F]{56}");
    }

    @Test
    void nextShouldLayOutAddressPidTokenTimeAndSequence() {
        now.set(millis("2024-03-01T00:00:01.234Z"));
        UniqueIdGenerator generator = generator(IPV4, ZoneOffset.UTC);

        assertThat(generator.next())
                .isEqualTo("0A000001" + "1234" + "CAFEBABE" + "000004D2" + "0000");
        assertThat(generator.next())
                .isEqualTo("0A000001" + "1234" + "CAFEBABE" + "000004D2" + "0001");
    }

    @Test
    void officialParserShouldRecoverAddressPidAndTimeFromSharedIds() {
        long before = System.currentTimeMillis();
        String id = UniqueIdGenerator.shared().next();
        // The official parser takes an id stamped in the current millisecond for one of the
        // previous month, so let the clock move on first.
        waitUntilClockPasses(before + 2);

        assertThat(MessageClientIDSetter.getIPFromID(id)).isEqualTo(LocalAddress.ofThisHost());
        assertThat(MessageClientIDSetter.getPidFromID(id))
                .isEqualTo((short) ProcessHandle.current().pid());
        assertThat(MessageClientIDSetter.getNearlyTimeFromID(id).getTime())
                .isBetween(before - 5_000, System.currentTimeMillis() + 5_000);
    }

    @Test
    void officialParserShouldReadIpv4AndIpv6Ids() {
        long before = System.currentTimeMillis();
        String v4 = realClockGenerator(IPV4).next();
        String v6 = realClockGenerator(IPV6).next();
        // The official parser takes an id from this very millisecond for last month's.
        waitUntilClockPasses(System.currentTimeMillis() + 2);

        assertThat(v4).hasSize(32);
        assertThat(v6).hasSize(56);
        assertThat(MessageClientIDSetter.getIPStrFromID(v4)).isEqualTo("10.0.0.1");
        assertThat(MessageClientIDSetter.getIPFromID(v6)).isEqualTo(IPV6);
        assertThat(MessageClientIDSetter.getPidFromID(v4)).isEqualTo(0x1234);
        assertThat(MessageClientIDSetter.getPidFromID(v6)).isEqualTo(0x1234);
        assertThat(MessageClientIDSetter.getNearlyTimeFromID(v6).getTime())
                .isBetween(before - 5_000, System.currentTimeMillis() + 5_000);
    }

    @Test
    void nextWhenMonthRollsOverShouldCountFromNewMonthStart() {
        UniqueIdGenerator generator = generator(IPV4, ZoneOffset.UTC);

        now.set(millis("2024-01-31T23:59:59.999Z"));
        String endOfJanuary = generator.next();
        now.set(millis("2024-02-01T00:00:00.000Z"));
        String startOfFebruary = generator.next();
        now.set(millis("2024-02-01T00:00:00.005Z"));
        String laterInFebruary = generator.next();

        // 31 days less 1 ms does not fit a signed int: the field is unsigned, as the official
        // parser reads it.
        assertThat(timeField(endOfJanuary)).isEqualTo(31L * 86_400_000 - 1);
        assertThat(timeField(startOfFebruary)).isZero();
        assertThat(timeField(laterInFebruary)).isEqualTo(5);
    }

    @Test
    void nextShouldMeasureMonthInGivenTimeZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        UniqueIdGenerator generator = generator(IPV4, shanghai);
        // 2024-03-01T00:00:00+08:00 is the start of March in Shanghai.
        now.set(millis("2024-02-29T16:00:00.010Z"));

        assertThat(timeField(generator.next())).isEqualTo(10);
    }

    @Test
    void nextWhenMoreThan65536IdsInOneMillisecondShouldBorrowNextMillisecond() {
        now.set(millis("2024-03-01T00:00:00.100Z"));
        UniqueIdGenerator generator = generator(IPV4, ZoneOffset.UTC);
        String last = null;
        for (int i = 0; i < 65_536; i++) {
            last = generator.next();
        }

        String borrowed = generator.next();

        assertThat(timeField(last)).isEqualTo(100);
        assertThat(sequenceField(last)).isEqualTo(0xFFFF);
        assertThat(timeField(borrowed)).isEqualTo(101);
        assertThat(sequenceField(borrowed)).isZero();
    }

    @Test
    void nextWhenClockStepsBackShouldNotRepeatIds() {
        UniqueIdGenerator generator = generator(IPV4, ZoneOffset.UTC);
        now.set(millis("2024-03-01T00:00:00.500Z"));
        String first = generator.next();

        now.set(millis("2024-03-01T00:00:00.400Z"));
        String afterStepBack = generator.next();

        assertThat(afterStepBack).isNotEqualTo(first);
        assertThat(timeField(afterStepBack)).isEqualTo(500);
        assertThat(sequenceField(afterStepBack)).isEqualTo(1);
    }

    @Test
    void nextFromSeveralThreadsShouldNeverRepeat() throws Exception {
        int threads = 4;
        int idsPerThread = 50_000;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int i = 0; i < idsPerThread; i++) {
                                        ids.add(UniqueIdGenerator.shared().next());
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ids).hasSize(threads * idsPerThread);
    }

    private UniqueIdGenerator generator(byte[] address, ZoneId zone) {
        return new UniqueIdGenerator(address, 0x1234, 0xCAFEBABE, now::get, zone);
    }

    private static UniqueIdGenerator realClockGenerator(byte[] address) {
        return new UniqueIdGenerator(
                address, 0x1234, 0xCAFEBABE, System::currentTimeMillis, ZoneId.systemDefault());
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** The unsigned time field, the 8 hex chars before the 4 of the sequence. */
    private static long timeField(String id) {
        return Long.parseLong(id.substring(id.length() - 12, id.length() - 4), 16);
    }

    private static int sequenceField(String id) {
        return Integer.parseInt(id.substring(id.length() - 4), 16);
    }

    private static void waitUntilClockPasses(long millis) {
        while (System.currentTimeMillis() <= millis) {
            Thread.onSpinWait();
        }
    }
}
