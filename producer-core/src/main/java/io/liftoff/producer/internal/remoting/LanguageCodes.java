package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;

/** Maps RocketMQ {@code LanguageCode} names to the numeric codes used in binary headers. */
final class LanguageCodes {

    static final int JAVA = 0;

    /** The protocol's own catch-all, used when a peer names a language we do not know. */
    static final int OTHER = 7;

    // Index = code; the order is the ordinal order of RocketMQ's LanguageCode enum.
    private static final String[] NAMES = {
        "JAVA", "CPP", "DOTNET", "PYTHON", "DELPHI", "ERLANG", "RUBY", "OTHER", "HTTP", "GO", "PHP",
        "OMS", "RUST", "NODE_JS"
    };

    private LanguageCodes() {}

    /** Returns the name for {@code code}, or {@code null} if the code has no name. */
    static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : null;
    }

    /**
     * Returns the code for the name in the {@code length} bytes of {@code in} at {@code index}, or
     * {@link #OTHER} if the name is unknown.
     */
    static int code(ByteBuf in, int index, int length) {
        int code = SharedHeaderTexts.indexOf(NAMES, in, index, length);
        return code >= 0 ? code : OTHER;
    }

    /** Returns the code for {@code name}, or {@link #OTHER} if the name is unknown. */
    static int code(String name) {
        for (int code = 0; code < NAMES.length; code++) {
            if (NAMES[code].equals(name)) {
                return code;
            }
        }
        return OTHER;
    }
}
