package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RemotingPipelineTests {

    @Test
    void buildHandlersWhenDecodingFailsShouldCloseChannelAndReportTheCause() {
        AtomicReference<Throwable> reportedCause = new AtomicReference<>();
        AtomicReference<Channel> reportedChannel = new AtomicReference<>();
        RemotingPipeline pipeline =
                new RemotingPipeline(
                        RemotingOptions.builder().maxFrameLength(64).build(),
                        new PendingRequests(),
                        new RequestHandlers(),
                        (address, channel, cause) -> {
                            assertThat(address).isEqualTo(Frames.ADDRESS);
                            reportedChannel.set(channel);
                            reportedCause.set(cause);
                        });
        EmbeddedChannel channel = new EmbeddedChannel();
        pipeline.buildHandlers(channel.pipeline(), Frames.ADDRESS);

        channel.writeInbound(Unpooled.wrappedBuffer(Frames.hex("7fffffff")));

        assertThat(channel.isOpen()).isFalse();
        assertThat(reportedChannel.get()).isSameAs(channel);
        assertThat(reportedCause.get()).isInstanceOf(TooLongFrameException.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void buildHandlersWhenDecodingFailsShouldFailOnlyRequestsPendingOnThatChannel() {
        PendingRequests pending = new PendingRequests();
        RemotingPipeline pipeline =
                new RemotingPipeline(
                        RemotingOptions.defaults(),
                        pending,
                        new RequestHandlers(),
                        (address, channel, cause) ->
                                pending.failAll(
                                        channel, request -> request.connectionClosed(cause, "")));
        EmbeddedChannel channel = new EmbeddedChannel();
        pipeline.buildHandlers(channel.pipeline(), Frames.ADDRESS);
        ResponseFuture response = new ResponseFuture();
        PendingRequest request =
                new PendingRequest(
                        pending, 7, 310, Frames.ADDRESS, Duration.ofSeconds(3).toNanos(), response);
        pending.add(request);
        request.bindTo(channel);
        ResponseFuture elsewhereResponse = new ResponseFuture();
        PendingRequest elsewhere =
                new PendingRequest(
                        pending,
                        8,
                        310,
                        "127.0.0.1:10912",
                        Duration.ofSeconds(3).toNanos(),
                        elsewhereResponse);
        pending.add(elsewhere);
        elsewhere.bindTo(new EmbeddedChannel());

        channel.writeInbound(
                Unpooled.wrappedBuffer(Frames.frame(0, Frames.utf8("{oops"), new byte[0])));

        assertThat(channel.isOpen()).isFalse();
        assertThat(pending.size()).isOne();
        assertThat(elsewhereResponse).isNotDone();
        assertThat(response)
                .isCompletedExceptionally()
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(ConnectionClosedException.class)
                .withMessage(
                        "connection to 127.0.0.1:10911 closed while request (code 310, opaque 7)"
                                + " was pending")
                .havingCause()
                .isInstanceOf(CorruptedFrameException.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void channelHandlerTypesShouldListEveryHandlerOfOurOwnThatThePipelineHas() {
        RemotingPipeline pipeline =
                new RemotingPipeline(
                        RemotingOptions.defaults(),
                        new PendingRequests(),
                        new RequestHandlers(),
                        (address, channel, cause) -> {});
        EmbeddedChannel channel = new EmbeddedChannel(pipeline.initializer(Frames.ADDRESS));

        List<Class<? extends ChannelHandler>> ours = new ArrayList<>();
        ours.add(pipeline.initializer(Frames.ADDRESS).getClass());
        channel.pipeline()
                .forEach(
                        (entry) -> {
                            Class<? extends ChannelHandler> type = entry.getValue().getClass();
                            if (!type.getName().startsWith("io.netty.")) {
                                ours.add(type);
                            }
                        });

        assertThat(ours).hasSize(6);
        assertThat(ChannelHandlerTypes.all()).containsExactlyInAnyOrderElementsOf(ours);
        channel.finishAndReleaseAll();
    }
}
