package io.liftoff.producer.internal.remoting;

/** An outgoing command does not fit in one frame; nothing of it was written. */
public final class FrameTooLargeException extends RemotingException {

    private static final long serialVersionUID = 1L;

    private final long frameLength;
    private final int maxFrameLength;

    /**
     * Creates an exception with a message naming the command, the address and both sizes.
     *
     * @param address the {@code host:port} the command was for
     * @param command a short description of the command, e.g. {@code "request code 310 (opaque 7)"}
     * @param frameLength the bytes the frame would take, length prefix included
     * @param maxFrameLength the limit in bytes
     */
    public FrameTooLargeException(
            String address, String command, long frameLength, int maxFrameLength) {
        super(
                address,
                command
                        + " to "
                        + address
                        + " needs a frame of "
                        + frameLength
                        + " bytes, over the limit of "
                        + maxFrameLength
                        + " bytes; send a smaller body or raise maxFrameLength",
                null);
        this.frameLength = frameLength;
        this.maxFrameLength = maxFrameLength;
    }

    /** Returns the bytes the frame would take, length prefix included. */
    public long frameLength() {
        return frameLength;
    }

    /** Returns the frame-length limit in bytes. */
    public int maxFrameLength() {
        return maxFrameLength;
    }
}
