package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted remoting server on 127.0.0.1 and a random port, for fault injection: it records every
 * command it receives and lets the test's script decide what, if anything, to send back. Public so
 * that tests of the layers above remoting can count what reached the wire.
 */
public final class FakeServer implements AutoCloseable {

    /** Decides what the server does with a received command; runs on the server's event loop. */
    @FunctionalInterface
    public interface Script {
        void onCommand(Channel client, Command command);
    }

    /**
     * How long a test waits for what must happen (an answer, a connection, a failure): never a
     * goal, only a bound that keeps a failure from hanging, so generous for a loaded machine.
     */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(
                    1, new DefaultThreadFactory("fake-server", true), NioIoHandler.newFactory());
    private final BlockingQueue<Command> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Channel> clients = new LinkedBlockingQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger receivedCount = new AtomicInteger();
    private final Channel serverChannel;

    private FakeServer(HeaderSerialization serialization, SslContext tls, Script script) {
        ServerBootstrap bootstrap =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<>() {
                                    @Override
                                    protected void initChannel(Channel channel) {
                                        accepted.incrementAndGet();
                                        clients.add(channel);
                                        if (tls != null) {
                                            channel.pipeline()
                                                    .addLast(tls.newHandler(channel.alloc()));
                                        }
                                        channel.pipeline()
                                                .addLast(new FrameDecoder(1 << 20))
                                                .addLast(
                                                        new FrameEncoder(
                                                                serialization, 1 << 20, "client"))
                                                .addLast(recorder(script));
                                    }
                                });
        this.serverChannel =
                bootstrap
                        .bind(new InetSocketAddress("127.0.0.1", 0))
                        .syncUninterruptibly()
                        .channel();
    }

    /** Starts a server that answers in {@code serialization} and runs {@code script}. */
    public static FakeServer start(HeaderSerialization serialization, Script script) {
        return new FakeServer(serialization, null, script);
    }

    /**
     * Starts a server that speaks TLS only, with {@code tls}, and answers every two-way request
     * with SUCCESS, echoing its extFields.
     */
    static FakeServer echoTls(SslContext tls) {
        return new FakeServer(HeaderSerialization.JSON, tls, FakeServer::echoScript);
    }

    /** Starts a server that answers every two-way request with SUCCESS, echoing its extFields. */
    static FakeServer echo() {
        return start(HeaderSerialization.JSON, FakeServer::echoScript);
    }

    private static void echoScript(Channel client, Command command) {
        if (!command.isResponse() && !command.isOneway()) {
            reply(client, command, Command.response(0, null, command.extFields(), command.body()));
        }
    }

    /** Sends {@code response} as the answer to {@code request}. */
    public static void reply(Channel client, Command request, Command response) {
        client.writeAndFlush(response.stamped(request.opaque(), 479, Command.FLAG_RESPONSE));
    }

    /** Returns a response with only a code and a remark. */
    public static Command response(int code, String remark) {
        return Command.response(code, remark, Map.of(), null);
    }

    public String address() {
        return "127.0.0.1:" + ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Returns the next command the server received, waiting a bounded time for it. */
    public Command take() throws InterruptedException {
        Command command = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(command).as("a command received by the fake server").isNotNull();
        return command;
    }

    /** Returns the next client connection, waiting a bounded time for it. */
    Channel takeClient() throws InterruptedException {
        Channel client = clients.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(client).as("a client connection to the fake server").isNotNull();
        return client;
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    /** Returns how many commands the server has received in all, taken or not. */
    public int receivedCount() {
        return receivedCount.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private SimpleChannelInboundHandler<Command> recorder(Script script) {
        return new SimpleChannelInboundHandler<>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, Command command) {
                receivedCount.incrementAndGet();
                received.add(command);
                script.onCommand(ctx.channel(), command);
            }
        };
    }
}
