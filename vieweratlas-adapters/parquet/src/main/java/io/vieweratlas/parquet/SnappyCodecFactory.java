package io.vieweratlas.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Page compression without Hadoop: parquet-java's default codec factory reaches Snappy through
 * Hadoop's codec interfaces, so this one calls snappy-java directly. Parquet's SNAPPY pages are
 * raw Snappy blocks, so files stay readable by every Parquet reader. Only UNCOMPRESSED and SNAPPY
 * are offered; other codecs fail with a message naming them.
 */
final class SnappyCodecFactory implements CompressionCodecFactory {
    static final SnappyCodecFactory INSTANCE = new SnappyCodecFactory();

    private SnappyCodecFactory() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case SNAPPY -> new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Snappy.compress(bytes.toByteArray()));
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.SNAPPY;
                }

                @Override
                public void release() {
                }
            };
            case UNCOMPRESSED -> new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.UNCOMPRESSED;
                }

                @Override
                public void release() {
                }
            };
            default -> throw unsupported(codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case SNAPPY -> new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                    byte[] out = new byte[uncompressedSize];
                    int n = Snappy.uncompress(bytes.toByteArray(), 0, (int) bytes.size(), out, 0);
                    if (n != uncompressedSize) {
                        throw new IOException("Snappy page decompressed to " + n + " bytes, expected "
                                + uncompressedSize);
                    }
                    return BytesInput.from(out);
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                        throws IOException {
                    byte[] in = new byte[compressedSize];
                    input.get(in);
                    output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
                }

                @Override
                public void release() {
                }
            };
            case UNCOMPRESSED -> new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
                    return bytes;
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                    ByteBuffer slice = input.slice();
                    slice.limit(compressedSize);
                    output.put(slice);
                }

                @Override
                public void release() {
                }
            };
            default -> throw unsupported(codec);
        };
    }

    private static IllegalArgumentException unsupported(CompressionCodecName codec) {
        return new IllegalArgumentException("Parquet codec " + codec
                + " is not supported without Hadoop (supported: SNAPPY, UNCOMPRESSED)");
    }

    @Override
    public void release() {
    }
}
