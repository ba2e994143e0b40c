package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes a {@link Command} into one frame: {@code int32 length | int32 (serialization << 24 |
 * header length) | header | body}, in one pooled direct buffer. The socket writes from direct
 * memory, so a heap body is copied once whichever way: wrapping it behind the header in a composite
 * buffer only made Netty copy the whole frame into a direct buffer at write time. A command that
 * would exceed the frame limit fails its write promise with {@link FrameTooLargeException} before
 * any byte is written.
 *
 * <p>One instance per channel; runs on the channel's event loop.
 */
public final class FrameEncoder extends MessageToMessageEncoder<Command> {

    private static final int MAX_HEADER_LENGTH = 0xFFFFFF;

    // Room for a send header with its properties; a larger one grows the buffer once.
    static final int HEADER_CAPACITY_HINT = 512;

    private final HeaderCodec codec;
    private final int serializationBits;
    private final int maxFrameLength;
    private final String address;

    /**
     * @param serialization the header serialization to write
     * @param maxFrameLength the largest frame in bytes, length prefix included
     * @param address the remote {@code host:port}, named in errors
     */
    public FrameEncoder(HeaderSerialization serialization, int maxFrameLength, String address) {
        super(Command.class);
        this.codec = HeaderCodec.of(serialization);
        this.serializationBits = serialization.code() << 24;
        this.maxFrameLength = maxFrameLength;
        this.address = address;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Command command, List<Object> out) {
        int bodyLength = command.bodyLength();
        // Never more than the limit up front: an oversized command is refused below anyway.
        int capacity = (int) Math.min(HEADER_CAPACITY_HINT + (long) bodyLength, maxFrameLength);
        ByteBuf frame = ctx.alloc().ioBuffer(capacity);
        try {
            // Placeholders for the length and header-info words, filled once the header is known.
            frame.writeLong(0);
            codec.encode(command, frame);
            int headerLength = frame.readableBytes() - 8;
            long frameLength = 8L + headerLength + bodyLength;
            if (headerLength > MAX_HEADER_LENGTH || frameLength > maxFrameLength) {
                throw new FrameTooLargeException(
                        address, describe(command), frameLength, maxFrameLength);
            }
            frame.setInt(0, (int) frameLength - 4);
            frame.setInt(4, serializationBits | headerLength);
            command.writeBodyTo(frame);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        out.add(frame);
    }

    private static String describe(Command command) {
        return (command.isResponse() ? "response code " : "request code ")
                + command.code()
                + " (opaque "
                + command.opaque()
                + ")";
    }
}
