package io.liftoff.producer.internal.message;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.util.Arrays;

/**
 * One Zstandard frame, as the official client's {@code ZstdOutputStream} writes, but compressed in
 * one call: the frame then records the body's size, so that a consumer's decoder allocates no more
 * than the body. Loaded only when ZSTD is chosen ({@link BodyCodecs}), since it links zstd-jni.
 */
final class ZstdCodec implements BodyCodec {

    private final int level;

    ZstdCodec(int level) {
        this.level = level;
    }

    @Override
    public int typeFlag() {
        return MessageSysFlag.ZSTD_TYPE;
    }

    @Override
    public byte[] compress(byte[] body) {
        // Room for one byte less than the body: output that does not fit is not worth sending.
        byte[] out = new byte[body.length - 1];
        try {
            long written = Zstd.compressByteArray(out, 0, out.length, body, 0, body.length, level);
            return Arrays.copyOf(out, (int) written);
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                return null;
            }
            throw e;
        }
    }
}
