package io.vieweratlas.parquet;

import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;

/** Parquet files in memory: objects in the lake are whole byte arrays, not seekable files. */
final class ByteArrayFiles {
    private ByteArrayFiles() {
    }

    /** An output file collecting bytes; {@link Output#bytes()} after the writer is closed. */
    static final class Output implements OutputFile {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

        byte[] bytes() {
            return buffer.toByteArray();
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return buffer.size();
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            buffer.reset();
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "memory";
        }
    }

    /** An input file over bytes. */
    static InputFile input(byte[] content, String name) {
        return new InputFile() {
            @Override
            public long getLength() {
                return content.length;
            }

            @Override
            public SeekableInputStream newStream() {
                SeekableStream in = new SeekableStream(content);
                return new DelegatingSeekableInputStream(in) {
                    @Override
                    public long getPos() {
                        return in.position();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        if (newPos < 0 || newPos > content.length) {
                            throw new EOFException("seek to " + newPos + " outside " + name + " (" + content.length
                                    + " bytes)");
                        }
                        in.seekTo((int) newPos);
                    }
                };
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static final class SeekableStream extends ByteArrayInputStream {
        SeekableStream(byte[] buf) {
            super(buf);
        }

        long position() {
            return pos;
        }

        void seekTo(int p) {
            pos = p;
        }
    }
}
