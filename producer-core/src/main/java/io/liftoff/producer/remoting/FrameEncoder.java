package io.liftoff.producer.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes a {@link Command} into one frame: {@code int32 length | int32 (serialization << 24 |
 * header length) | header | body}. The body array is wrapped, not copied, behind the header in a
 * composite buffer. A command that would exceed the frame limit fails its write promise with {@link
 * FrameTooLargeException} before any byte is written.
 *
 * <p>One instance per channel; runs on the channel's event loop.
 */
final class FrameEncoder extends MessageToMessageEncoder<Command> {

    private static final int MAX_HEADER_LENGTH = 0xFFFFFF;

    private final HeaderCodec codec;
    private final int serializationBits;
    private final int maxFrameLength;
    private final String address;

    /**
     * @param serialization the header serialization to write
     * @param maxFrameLength the largest frame in bytes, length prefix included
     * @param address the remote {@code host:port}, named in errors
     */
    FrameEncoder(HeaderSerialization serialization, int maxFrameLength, String address) {
        super(Command.class);
        this.codec = HeaderCodec.of(serialization);
        this.serializationBits = serialization.code() << 24;
        this.maxFrameLength = maxFrameLength;
        this.address = address;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Command command, List<Object> out) {
        byte[] body = command.body();
        int bodyLength = body == null ? 0 : body.length;
        ByteBuf header = ctx.alloc().ioBuffer();
        try {
            // Placeholders for the length and header-info words, filled once the header is known.
            header.writeLong(0);
            codec.encode(command, header);
            int headerLength = header.readableBytes() - 8;
            long frameLength = 8L + headerLength + bodyLength;
            if (headerLength > MAX_HEADER_LENGTH || frameLength > maxFrameLength) {
                throw new FrameTooLargeException(
                        address, describe(command), frameLength, maxFrameLength);
            }
            header.setInt(0, (int) frameLength - 4);
            header.setInt(4, serializationBits | headerLength);
        } catch (RuntimeException e) {
            header.release();
            throw e;
        }
        if (bodyLength == 0) {
            out.add(header);
        } else {
            out.add(
                    ctx.alloc()
                            .compositeBuffer(2)
                            .addComponents(true, header, Unpooled.wrappedBuffer(body)));
        }
    }

    private static String describe(Command command) {
        return (command.isResponse() ? "response code " : "request code ")
                + command.code()
                + " (opaque "
                + command.opaque()
                + ")";
    }
}
