package io.liftoff.producer.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
            ByteBuf frame = (ByteBuf) super.decode(ctx, in);
            if (frame == null) {
                return null;
            }
            try {
                return decodeFrame(frame);
            } finally {
                frame.release();
            }
        } catch (RuntimeException e) {
            corrupted = true;
            throw e;
        }
    }

    /** Returns whether the peer has sent any byte on this channel; event loop only. */
    boolean receivedAny() {
        return received;
    }

    private static Command decodeFrame(ByteBuf frame) {
        if (frame.readableBytes() < 4) {
            throw new CorruptedFrameException(
                    "frame of " + frame.readableBytes() + " bytes has no header-info word");
        }
        int headerInfo = frame.readInt();
        int headerLength = headerInfo & 0xFFFFFF;
        if (headerLength > frame.readableBytes()) {
            throw new CorruptedFrameException(
                    "header length "
                            + headerLength
                            + " exceeds the "
                            + frame.readableBytes()
                            + " bytes left in the frame");
        }
        HeaderSerialization serialization = serialization(headerInfo >>> 24);
        CommandBuilder builder =
                HeaderCodec.of(serialization).decode(frame.readSlice(headerLength));
        int bodyLength = frame.readableBytes();
        // The command owns its body as an array; this is the one copy on the way in.
        byte[] body = bodyLength == 0 ? null : ByteBufUtil.getBytes(frame);
        return builder.body(body).serialization(serialization).build();
    }

    private static HeaderSerialization serialization(int code) {
        try {
            return HeaderSerialization.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new CorruptedFrameException(e.getMessage(), e);
        }
    }
}
