package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionsTests {

    @Test
    void acquireShouldOpenChannelsOnPooledBuffers() throws Exception {
        MultiThreadIoEventLoopGroup group =
                new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (FakeServer server = FakeServer.echo()) {
            Connections connections =
                    new Connections(
                            group,
                            RemotingOptions.defaults(),
                            new RemotingPipeline(
                                    RemotingOptions.defaults(),
                                    new PendingRequests(),
                                    new RequestHandlers(),
                                    (address, channel, cause) -> {}));
            try {
                Channel channel = connections.acquire(server.address()).get(10, TimeUnit.SECONDS);

                assertThat(channel.alloc()).isSameAs(PooledByteBufAllocator.DEFAULT);
            } finally {
                connections.closeAll();
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
