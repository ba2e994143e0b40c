package io.liftoff.bench.sink;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers each request at once: sends with SEND_OK and a plausible send response header, route
 * look-ups with a route to the sink itself, anything else (heartbeats, unregistration) with
 * SUCCESS. One instance serves every channel.
 */
@ChannelHandler.Sharable
final class SinkHandler extends SimpleChannelInboundHandler<SinkRequest> {

    static final String BROKER_NAME = "sink";
    static final int QUEUES = 8;

    private static final int SEND_MESSAGE = 10;
    private static final int GET_ROUTEINFO_BY_TOPIC = 105;
    private static final int SEND_MESSAGE_V2 = 310;
    private static final int SEND_BATCH_MESSAGE = 320;

    private final SinkStats stats;
    private final byte[] route;
    private final String storeHostHex;
    private final AtomicLong commitLogOffset = new AtomicLong();
    private final AtomicLong[] queueOffsets = new AtomicLong[QUEUES];

    /**
     * @param stats where requests are counted
     * @param host the address clients reach the sink at, e.g. {@code 127.0.0.1}
     * @param port the sink's port
     */
    SinkHandler(SinkStats stats, String host, int port) {
        this.stats = stats;
        this.route = routeJson(host + ":" + port).getBytes(StandardCharsets.UTF_8);
        this.storeHostHex = storeHostHex(host, port);
        for (int i = 0; i < QUEUES; i++) {
            queueOffsets[i] = new AtomicLong();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SinkRequest request) {
        stats.count(request);
        if (request.oneway()) {
            return;
        }
        ctx.writeAndFlush(answer(request), ctx.voidPromise());
    }

    private SinkResponse answer(SinkRequest request) {
        return switch (request.code()) {
            case SEND_MESSAGE, SEND_MESSAGE_V2, SEND_BATCH_MESSAGE -> sendOk(request);
            case GET_ROUTEINFO_BY_TOPIC ->
                    new SinkResponse(0, request.opaque(), request.binary(), Map.of(), route);
            default -> new SinkResponse(0, request.opaque(), request.binary(), Map.of(), null);
        };
    }

    /**
     * SEND_OK as a broker answers it: for a batch of N, N offset message ids joined by commas (each
     * client splits them into one result per message) and the first of N consecutive queue offsets.
     */
    private SinkResponse sendOk(SinkRequest request) {
        int queueId = Math.floorMod(request.queueId(), QUEUES);
        int count = request.messages();
        long offset = commitLogOffset.getAndAdd(256L * count);
        StringBuilder ids = new StringBuilder(count * 33);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                ids.append(',');
            }
            ids.append(storeHostHex).append(String.format(Locale.ROOT, "%016X", offset + 256L * i));
        }
        Map<String, String> fields =
                Map.of(
                        "msgId", ids.toString(),
                        "queueId", Integer.toString(queueId),
                        "queueOffset", Long.toString(queueOffsets[queueId].getAndAdd(count)));
        return new SinkResponse(0, request.opaque(), request.binary(), fields, null);
    }

    /** The route the name server would give: one master broker, the sink, with 8 RW queues. */
    private static String routeJson(String address) {
        return "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\""
                + address
                + "\"},\"brokerName\":\""
                + BROKER_NAME
                + "\",\"cluster\":\"SinkCluster\",\"enableActingMaster\":false}],"
                + "\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":\""
                + BROKER_NAME
                + "\",\"perm\":6,\"readQueueNums\":"
                + QUEUES
                + ",\"topicSysFlag\":0,\"writeQueueNums\":"
                + QUEUES
                + "}]}";
    }

    /** IPv4 and port as the first 16 hex digits of an offset message id. */
    private static String storeHostHex(String host, int port) {
        StringBuilder hex = new StringBuilder(16);
        for (String part : host.split("\\.")) {
            hex.append(String.format(Locale.ROOT, "%02X", Integer.parseInt(part)));
        }
        return hex.append(String.format(Locale.ROOT, "%08X", port)).toString();
    }
}
