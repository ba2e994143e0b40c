package io.liftoff.bench.sink;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A RocketMQ name server and broker in one, on one port of 127.0.0.1: it routes every topic to
 * itself and answers every send with SEND_OK at once, storing nothing. Both the official client and
 * Liftoff accept its answers, so either can be driven as fast as it can go.
 *
 * <pre>{@code
 * try (SinkServer sink = SinkServer.start(0)) {
 *     String nameServer = sink.address();   // use as name server; it names itself as broker
 * }
 * }</pre>
 */
public final class SinkServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final EventLoopGroup group;
    private final Channel channel;
    private final SinkStats stats;

    private SinkServer(EventLoopGroup group, Channel channel, SinkStats stats) {
        this.group = group;
        this.channel = channel;
        this.stats = stats;
    }

    /**
     * Starts a sink.
     *
     * @param port the port to listen on, or 0 for a free one
     * @param threads event-loop threads; 1 is plenty for one client connection
     * @return the running sink
     */
    public static SinkServer start(int port, int threads) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        SinkStats stats = new SinkStats();
        Initializer initializer = new Initializer();
        try {
            Channel channel =
                    new ServerBootstrap()
                            .group(group)
                            .channel(NioServerSocketChannel.class)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(initializer)
                            .bind(HOST, port)
                            .sync()
                            .channel();
            // the route names the port, known only once bound; no client knows it before
            initializer.handler =
                    new SinkHandler(
                            stats, HOST, ((InetSocketAddress) channel.localAddress()).getPort());
            return new SinkServer(group, channel, stats);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully();
            throw new IllegalStateException("interrupted while binding the sink", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    private static final class Initializer extends ChannelInitializer<SocketChannel> {
        private volatile SinkHandler handler;

        @Override
        protected void initChannel(SocketChannel channel) {
            channel.pipeline()
                    .addLast(new RequestDecoder())
                    .addLast(new ResponseEncoder())
                    .addLast(handler);
        }
    }

    /**
     * Runs a sink until its standard input closes, to point clients at by hand: {@code java -cp …
     * io.liftoff.bench.sink.SinkServer [port]}.
     */
    public static void main(String[] args) throws Exception {
        try (SinkServer sink = start(args.length > 0 ? Integer.parseInt(args[0]) : 9876, 1)) {
            System.out.println("sink listening on " + sink.address() + "; close stdin to stop");
            while (System.in.read() >= 0) {
                // runs until end of input
            }
            System.out.println("messages by code/header: " + sink.stats().drain());
        }
    }

    /** Returns {@code 127.0.0.1:port}, the sink's name-server and broker address. */
    public String address() {
        return HOST + ":" + ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Returns the request counts of this sink. */
    public SinkStats stats() {
        return stats;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
