package io.liftoff.producer.internal.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * One LZ4 frame with independent blocks, as the official client's {@code LZ4FrameOutputStream}
 * writes, which is what its consumers read. Unlike the official client, which always declares 4 MiB
 * blocks, the frame declares the smallest block size that holds the body, because a consumer's
 * decoder allocates the declared size for every message. Loaded only when LZ4 is chosen ({@link
 * BodyCodecs}), since it links lz4-java. Thread-safe: lz4-java's compressors and hashes are.
 */
final class Lz4Codec implements BodyCodec {

    private static final int KIB_64 = 64 * 1024;

    private final LZ4Compressor compressor;
    private final XXHash32 checksum = XXHashFactory.fastestInstance().hash32();

    /**
     * @param level 0 for the fast compressor, 1 to 17 for LZ4 HC at that level
     */
    Lz4Codec(int level) {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = level == 0 ? factory.fastCompressor() : factory.highCompressor(level);
    }

    @Override
    public int typeFlag() {
        return MessageSysFlag.LZ4_TYPE;
    }

    @Override
    public byte[] compress(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length);
        try (LZ4FrameOutputStream out =
                new LZ4FrameOutputStream(
                        bytes,
                        blockSize(body.length),
                        -1L,
                        compressor,
                        checksum,
                        FLG.Bits.BLOCK_INDEPENDENCE)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("LZ4 could not compress a body in memory", e);
        }
        return bytes.size() < body.length ? bytes.toByteArray() : null;
    }

    /** The smallest of the frame format's block sizes (64 KiB, 256 KiB, 1 MiB, 4 MiB) that fits. */
    private static BLOCKSIZE blockSize(int length) {
        if (length <= KIB_64) {
            return BLOCKSIZE.SIZE_64KB;
        }
        if (length <= 4 * KIB_64) {
            return BLOCKSIZE.SIZE_256KB;
        }
        return length <= 16 * KIB_64 ? BLOCKSIZE.SIZE_1MB : BLOCKSIZE.SIZE_4MB;
    }
}
