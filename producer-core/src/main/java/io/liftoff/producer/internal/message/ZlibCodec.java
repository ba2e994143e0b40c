package io.liftoff.producer.internal.message;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * zlib-wrapped deflate, the bytes {@code java.util.zip.DeflaterOutputStream} writes in the official
 * client. Built into the JDK; each call uses its own {@link Deflater}.
 */
final class ZlibCodec implements BodyCodec {

    private final int level;

    ZlibCodec(int level) {
        this.level = level;
    }

    @Override
    public int typeFlag() {
        return MessageSysFlag.ZLIB_TYPE;
    }

    @Override
    public byte[] compress(byte[] body) {
        // The default Deflater writes the zlib wrapper, as DeflaterOutputStream's does.
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            // Room for one byte less than the body: output that does not fit is not worth sending.
            byte[] out = new byte[body.length - 1];
            int written = 0;
            while (!deflater.finished() && written < out.length) {
                written += deflater.deflate(out, written, out.length - written);
            }
            return deflater.finished() ? Arrays.copyOf(out, written) : null;
        } finally {
            deflater.end();
        }
    }
}
