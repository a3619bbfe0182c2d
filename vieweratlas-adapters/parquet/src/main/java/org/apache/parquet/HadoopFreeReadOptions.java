package org.apache.parquet;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

import java.util.HashMap;

/**
 * Read options built without Hadoop. Both public builders of {@link ParquetReadOptions} (1.17)
 * touch Hadoop classes (a Hadoop configuration, or {@code ParquetInputFormat}, which extends
 * Hadoop's {@code FileInputFormat}), so this class, placed in parquet's package, calls the
 * package-private constructor with the builder's defaults. Compile-checked against the pinned
 * parquet version: a signature change breaks the build, not a run.
 */
public final class HadoopFreeReadOptions {
    private static final int MAX_ALLOCATION_SIZE = 8 * 1024 * 1024; // the builder's default

    private HadoopFreeReadOptions() {
    }

    /** Default read options (statistics, dictionary, column-index and bloom filters on) with {@code codecs}. */
    public static ParquetReadOptions with(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false,
                FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(),
                MAX_ALLOCATION_SIZE, new HashMap<>(), null, null, new PlainParquetConfiguration());
    }
}
