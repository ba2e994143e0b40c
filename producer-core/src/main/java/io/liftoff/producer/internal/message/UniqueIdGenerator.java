package io.liftoff.producer.internal.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Client-side unique message ids ({@code UNIQ_KEY}) in RocketMQ's layout (PROTOCOL.md §6a), so that
 * the official tools and {@code MessageClientIDSetter} can read them.
 *
 * <p>Layout, uppercase hex, 16 bytes (32 chars) with an IPv4 address or 28 bytes (56 chars) with
 * IPv6:
 *
 * <ol>
 *   <li>the host address (4 or 16 bytes), see {@code LocalAddress} for the choice;
 *   <li>the low 16 bits of the process id;
 *   <li>a random int drawn once per generator. The official client uses its class loader's hash
 *       code; a random value also separates processes that share an address and a pid, such as
 *       containers on one network namespace;
 *   <li>milliseconds since the start of the current month in the JVM's default time zone (unsigned
 *       32 bits), the zone the official parser assumes;
 *   <li>a 16-bit sequence within that millisecond.
 * </ol>
 *
 * <p>Time and sequence come from one {@link AtomicLong} holding {@code millis << 16 | sequence},
 * advanced without locks. Unlike a free-running counter read next to the clock, this cannot repeat
 * a (millisecond, sequence) pair when a thread is paused between the two reads: the stamp only
 * grows, a 65,537th id in one millisecond borrows the next millisecond, and a clock that steps back
 * does not rewind it. The start of the month is cached and recomputed, also without locks, when a
 * stamp falls outside it.
 *
 * <p>Thread-safe and cheap: one atomic update, and per id only the String itself; the digits are
 * written into a per-thread scratch array that already holds the fixed prefix.
 */
public final class UniqueIdGenerator {

    private static final int SEQUENCE_BITS = 16;

    private static final UniqueIdGenerator SHARED =
            new UniqueIdGenerator(
                    LocalAddress.ofThisHost(),
                    (int) ProcessHandle.current().pid(),
                    ThreadLocalRandom.current().nextInt(),
                    System::currentTimeMillis,
                    ZoneId.systemDefault());

    /** Hex of the fields fixed for the life of the generator: address, pid and random value. */
    private final byte[] prefix;

    private final LongSupplier clock;
    private final ZoneId zone;
    private final AtomicLong stamp = new AtomicLong();

    /** Per thread: the prefix digits followed by room for time and sequence, rewritten per id. */
    private final ThreadLocal<byte[]> scratch;

    /**
     * Benign race: threads that find the cached month stale each compute the month of their own
     * stamp and publish it; every id is still written against a month that contains its stamp.
     */
    private volatile Month month;

    UniqueIdGenerator(byte[] address, int pid, int processToken, LongSupplier clock, ZoneId zone) {
        ByteBuffer fixed = ByteBuffer.allocate(address.length + 2 + 4);
        fixed.put(address).putShort((short) pid).putInt(processToken);
        this.prefix = Hex.encode(fixed.array()).getBytes(StandardCharsets.ISO_8859_1);
        this.scratch = ThreadLocal.withInitial(() -> Arrays.copyOf(prefix, idLength()));
        this.clock = clock;
        this.zone = zone;
        this.month = Month.containing(clock.getAsLong(), zone);
    }

    /**
     * Returns the process-wide generator.
     *
     * @return the same instance on every call
     */
    public static UniqueIdGenerator shared() {
        return SHARED;
    }

    /**
     * Creates the next id.
     *
     * @return 32 uppercase hex chars with an IPv4 address, 56 with IPv6. Within one calendar month
     *     this generator never repeats an id, even if the clock steps back; across months the
     *     layout itself allows a repeat, since it keeps only the time since the month's start
     */
    public String next() {
        return format(
                stamp.accumulateAndGet(
                        clock.getAsLong() << SEQUENCE_BITS, UniqueIdGenerator::advance));
    }

    /** The length of every id this generator makes: 32 with an IPv4 address, 56 with IPv6. */
    int idLength() {
        return prefix.length + 12;
    }

    /**
     * The clock's stamp (sequence 0) if the clock moved past the last stamp, else the last stamp
     * plus one; the addition carries a full sequence into the next millisecond.
     */
    private static long advance(long last, long fromClock) {
        return fromClock > last ? fromClock : last + 1;
    }

    private String format(long value) {
        long millis = value >>> SEQUENCE_BITS;
        Month current = month;
        if (!current.contains(millis)) {
            current = Month.containing(millis, zone);
            month = current;
        }
        byte[] id = scratch.get();
        Hex.write(id, prefix.length, millis - current.start, 4);
        Hex.write(id, prefix.length + 8, value, 2);
        return Hex.latin1(id);
    }

    /** A calendar month as epoch milliseconds, start inclusive, end exclusive. */
    private record Month(long start, long end) {

        static Month containing(long millis, ZoneId zone) {
            LocalDate first =
                    Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().withDayOfMonth(1);
            return new Month(
                    first.atStartOfDay(zone).toInstant().toEpochMilli(),
                    first.plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli());
        }

        boolean contains(long millis) {
            return millis >= start && millis < end;
        }
    }
}
