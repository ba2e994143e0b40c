package io.liftoff.bench.e2e;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one measured run of one client yields; crosses from the client JVM to the comparison as a
 * single {@code RESULT key=value ...} line. Latencies in microseconds; -1 where not measured (and
 * per-message figures are -1 when nothing was stored).
 *
 * @param messagesPerSecond stored (SEND_OK) messages per second of the measured window
 * @param failed sends that failed or were not SEND_OK within the window
 * @param p50 latency percentiles from the send call to its answer
 * @param p99 see {@code p50}
 * @param p999 see {@code p50}
 * @param delayP50 open loop only: from the intended send time to the answer
 * @param delayP99 see {@code delayP50}
 * @param delayP999 see {@code delayP50}
 * @param cpuMicrosPerMessage CPU time of the whole client JVM per stored message
 * @param allocatedBytesPerMessage heap bytes allocated by the client JVM per stored message
 * @param endedThreads threads that ended inside the window (their last ≤ 20 ms of allocation is not
 *     counted)
 */
record RunResult(
        double messagesPerSecond,
        long failed,
        double p50,
        double p99,
        double p999,
        double delayP50,
        double delayP99,
        double delayP999,
        double cpuMicrosPerMessage,
        double allocatedBytesPerMessage,
        long endedThreads) {

    static final String PREFIX = "RESULT ";

    String toLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("msgsPerSec", messagesPerSecond);
        fields.put("failed", failed);
        fields.put("p50", p50);
        fields.put("p99", p99);
        fields.put("p999", p999);
        fields.put("delayP50", delayP50);
        fields.put("delayP99", delayP99);
        fields.put("delayP999", delayP999);
        fields.put("cpuUsPerMsg", cpuMicrosPerMessage);
        fields.put("allocBytesPerMsg", allocatedBytesPerMessage);
        fields.put("endedThreads", endedThreads);
        StringBuilder line = new StringBuilder(PREFIX);
        fields.forEach(
                (key, value) ->
                        line.append(key)
                                .append('=')
                                .append(
                                        value instanceof Double d
                                                ? String.format(Locale.ROOT, "%.3f", d)
                                                : value)
                                .append(' '));
        return line.toString().trim();
    }

    /**
     * Reads a line written by {@link #toLine()}.
     *
     * @throws IllegalArgumentException if it is not such a line
     */
    static RunResult parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int equals = pair.indexOf('=');
            fields.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new RunResult(
                number(fields, "msgsPerSec"),
                (long) number(fields, "failed"),
                number(fields, "p50"),
                number(fields, "p99"),
                number(fields, "p999"),
                number(fields, "delayP50"),
                number(fields, "delayP99"),
                number(fields, "delayP999"),
                number(fields, "cpuUsPerMsg"),
                number(fields, "allocBytesPerMsg"),
                (long) number(fields, "endedThreads"));
    }

    private static double number(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("result line lacks " + key + ": " + fields);
        }
        return Double.parseDouble(value);
    }
}
