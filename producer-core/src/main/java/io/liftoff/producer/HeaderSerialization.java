package io.liftoff.producer;

/**
 * How the header of a remoting frame is serialized; the high byte of the frame's header-info word
 * carries {@link #code()}.
 */
public enum HeaderSerialization {
    /** A JSON object, as fastjson writes {@code RemotingCommand}; wire code 0. */
    JSON(0),
    /** RocketMQ's compact binary layout; wire code 1. */
    ROCKETMQ(1);

    private final int code;

    HeaderSerialization(int code) {
        this.code = code;
    }

    /**
     * Returns the wire code of this serialization.
     *
     * @return 0 for {@link #JSON}, 1 for {@link #ROCKETMQ}
     */
    public int code() {
        return code;
    }

    /**
     * Returns the serialization with the given wire code.
     *
     * @param code the high byte of a frame's header-info word
     * @return the matching serialization
     * @throws IllegalArgumentException if no serialization has that code
     */
    public static HeaderSerialization fromCode(int code) {
        for (HeaderSerialization serialization : values()) {
            if (serialization.code == code) {
                return serialization;
            }
        }
        throw new IllegalArgumentException(
                "header serialization code "
                        + code
                        + " is unknown; expected 0 (JSON) or 1 (ROCKETMQ)");
    }
}
