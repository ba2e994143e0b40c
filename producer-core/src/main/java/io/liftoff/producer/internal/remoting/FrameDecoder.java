package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Decodes frames into {@link Command}s, whichever header serialization each frame uses: a 5.x
 * broker answers in its own serialization (JSON by default) even when the request was binary.
 *
 * <p>A frame over the limit raises {@code TooLongFrameException}; a bad header length, an unknown
 * serialization or a malformed header raises {@link CorruptedFrameException}. Either way the stream
 * can no longer be trusted, so a later handler closes the channel, and every byte after the bad
 * frame is dropped rather than decoded. One instance per channel; runs on the channel's event loop.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private static final int LENGTH_FIELD_LENGTH = 4;

    // Set by the first failure: the bytes after a bad frame are out of step with the framing,
    // and closing the channel would otherwise decode what was already buffered.
    private boolean corrupted;
    // Whether the peer sent any byte: a server that enforces TLS closes a plain connection
    // without sending one.
    private boolean received;
    // The command decoded by extractFrame, handed to decode.
    private Command decoded;
    // Collects each frame's header fields, reset after each: an object less per frame.
    private final CommandBuilder builder = new CommandBuilder();

    /**
     * @param maxFrameLength the largest frame in bytes, length prefix included
     */
    FrameDecoder(int maxFrameLength) {
        // The length word counts everything after itself, and is stripped from the frame.
        super(maxFrameLength, 0, LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        received |= in.isReadable();
        if (corrupted) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        try {
            if (super.decode(ctx, in) == null) {
                return null;
            }
            Command command = decoded;
            decoded = null;
            return command;
        } catch (RuntimeException e) {
            corrupted = true;
            throw e;
        }
    }

    /** Returns whether the peer has sent any byte on this channel; event loop only. */
    boolean receivedAny() {
        return received;
    }

    /**
     * Decodes the frame where it lies in the cumulation instead of slicing it out, which would cost
     * a buffer object per frame. The superclass moves the reader index past the frame afterwards
     * and returns what this returns, so an empty buffer stands in for the frame and the command
     * goes to {@link #decode} through a field.
     */
    @Override
    protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf in, int index, int length) {
        decoded = decodeFrame(in, index, length);
        return Unpooled.EMPTY_BUFFER;
    }

    private Command decodeFrame(ByteBuf in, int index, int length) {
        if (length < 4) {
            throw new CorruptedFrameException(
                    "frame of " + length + " bytes has no header-info word");
        }
        int headerInfo = in.getInt(index);
        int headerLength = headerInfo & 0xFFFFFF;
        int headerStart = index + 4;
        int bodyStart = headerStart + headerLength;
        int bodyLength = index + length - bodyStart;
        if (bodyLength < 0) {
            throw new CorruptedFrameException(
                    "header length "
                            + headerLength
                            + " exceeds the "
                            + (length - 4)
                            + " bytes left in the frame");
        }
        HeaderSerialization serialization = serialization(headerInfo >>> 24);
        in.readerIndex(headerStart);
        try {
            HeaderCodec.of(serialization).decode(in, headerLength, builder);
            // The command owns its body as an array; this is the one copy on the way in.
            byte[] body = bodyLength == 0 ? null : ByteBufUtil.getBytes(in, bodyStart, bodyLength);
            return builder.body(body).serialization(serialization).build();
        } finally {
            builder.reset();
        }
    }

    private static HeaderSerialization serialization(int code) {
        try {
            return HeaderSerialization.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new CorruptedFrameException(e.getMessage(), e);
        }
    }
}
