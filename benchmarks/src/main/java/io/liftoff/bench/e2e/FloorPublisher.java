package io.liftoff.bench.e2e;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor: no client at all, just one Netty connection that writes a pre-encoded SEND_MESSAGE_V2
 * frame of the real size (binary header, same fields) with a fresh opaque, batching the writes of
 * one event-loop turn into one flush, and completes on the event loop when the answer with that
 * opaque arrives. What it reaches is the most this machine can push through the sink.
 *
 * <p>Only for one driver thread sending async (the window and rate workloads).
 */
final class FloorPublisher implements Publisher {

    private static final int SLOTS = 1 << 16;
    private static final int OPAQUE_OFFSET = 8 + 2 + 1 + 2; // length, info, code, language, version

    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Completion[] completions = new Completion[SLOTS];
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Channel channel;
    private final Runnable drain = this::drain;
    private byte[] template;
    private volatile int published;
    private int written;

    FloorPublisher(String address) {
        String[] hostPort = address.split(":");
        try {
            channel =
                    new Bootstrap()
                            .group(group)
                            .channel(NioSocketChannel.class)
                            .option(ChannelOption.TCP_NODELAY, true)
                            .handler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel ch) {
                                            ch.pipeline()
                                                    .addLast(
                                                            new LengthFieldBasedFrameDecoder(
                                                                    1 << 24, 0, 4, 0, 4))
                                                    .addLast(new Answers());
                                        }
                                    })
                            .connect(hostPort[0], Integer.parseInt(hostPort[1]))
                            .sync()
                            .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully();
            throw new IllegalStateException("interrupted while connecting to " + address, e);
        }
    }

    @Override
    public void sendSync(byte[] body) {
        throw new UnsupportedOperationException("the floor only pipelines async sends");
    }

    @Override
    public void sendAsync(byte[] body, Completion done) {
        if (template == null) {
            template = frame(body);
        }
        int opaque = published + 1;
        if (completions[opaque & (SLOTS - 1)] != null) {
            throw new IllegalStateException("more than " + SLOTS + " floor sends in flight");
        }
        completions[opaque & (SLOTS - 1)] = done;
        published = opaque;
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drain);
        }
    }

    /** Writes every frame published so far, then flushes once; runs on the event loop. */
    private void drain() {
        drainScheduled.set(false);
        int target = published;
        while (written != target) {
            written++;
            ByteBuf frame = channel.alloc().directBuffer(template.length);
            frame.writeBytes(template).setInt(OPAQUE_OFFSET, written);
            channel.write(frame, channel.voidPromise());
        }
        channel.flush();
    }

    private final class Answers extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            // the sink answers a binary request with a binary header: code first, opaque at 5
            int header = frame.readerIndex() + 4;
            int code = frame.getShort(header);
            int slot = frame.getInt(header + 5) & (SLOTS - 1);
            Completion done = completions[slot];
            completions[slot] = null;
            done.completed(code == 0 ? null : Publisher.notStored("code " + code));
        }
    }

    /** A SEND_MESSAGE_V2 frame with binary header and the given body; opaque patched per send. */
    static byte[] frame(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("a", "bench-floor");
        fields.put("b", "bench");
        fields.put("c", "TBW102");
        fields.put("d", "4");
        fields.put("e", "0");
        fields.put("f", "0");
        fields.put("g", Long.toString(System.currentTimeMillis()));
        fields.put("h", "0");
        // the property string of a plain send: WAIT and a 32-digit UNIQ_KEY
        fields.put("i", "WAIT\u0001true\u0002UNIQ_KEY\u00017F0000010A1B18B4AAC2000000000001\u0002");
        fields.put("j", "0");
        fields.put("k", "false");
        fields.put("m", "false");
        fields.put("n", "sink");
        ByteBuf header = Unpooled.buffer();
        header.writeShort(310).writeByte(0).writeShort(479).writeInt(0).writeInt(0).writeInt(0);
        ByteBuf map = Unpooled.buffer();
        fields.forEach(
                (key, value) -> {
                    byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
                    map.writeShort(key.length()).writeBytes(key.getBytes(StandardCharsets.UTF_8));
                    map.writeInt(valueBytes.length).writeBytes(valueBytes);
                });
        header.writeInt(map.readableBytes()).writeBytes(map);
        int headerLength = header.readableBytes();
        ByteBuf frame = Unpooled.buffer();
        frame.writeInt(4 + headerLength + body.length)
                .writeInt((1 << 24) | headerLength)
                .writeBytes(header)
                .writeBytes(body);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
