package io.harvest.image;

import io.harvest.job.Status;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JPEG's segments before its first scan say: frame size, components, precision, EXIF
 * orientation, and where the scan data starts. Read without any decoder, so the pixel cap
 * and the route are decided before a decoder sees the file.
 *
 * @param frameMarker the SOFn marker, e.g. {@code 0xFFC2} for a progressive JPEG
 * @param scanStart   the offset just after the first SOS segment (the file's length when none)
 */
record JpegHeader(int width, int height, int components, int precision, int frameMarker,
                  int orientation, long scanStart) {

    /** The segments to read: EXIF and every start-of-frame marker. */
    private static final Map<Integer, List<String>> SEGMENTS = new HashMap<>();

    static {
        SEGMENTS.put(JPEG.APP1, List.of("Exif"));
        for (int marker = 0xFFC0; marker <= 0xFFCF; marker++) {
            if (marker != JPEG.DHT && marker != 0xFFC8 && marker != JPEG.DAC) {
                SEGMENTS.put(marker, null);
            }
        }
    }

    ImageInfo info() {
        return new ImageInfo(ImageFormat.JPEG.formatName(), width, height, orientation);
    }

    /** True for the 8-bit DCT JPEGs that every decoder reads (not lossless, 12 or 16-bit). */
    boolean baseline8Bit() {
        return precision == 8 && frameMarker != JPEG.SOF3 && frameMarker != JPEG.SOF7
                && frameMarker != JPEG.SOF11 && frameMarker != JPEG.SOF15;
    }

    /**
     * True when an end-of-image marker follows the scan data. Entropy-coded data never holds
     * {@code FF D9}, so a file without one after its first scan was cut short.
     */
    boolean complete(byte[] data, int length) {
        for (int i = length - 2; i >= scanStart; i--) {
            if (data[i] == (byte) 0xFF && data[i + 1] == (byte) 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** Reads the header of a JPEG, or of the first part of one. */
    static JpegHeader read(byte[] data) throws ImageException {
        return read(data, data.length);
    }

    /** As {@link #read(byte[])}, for the first {@code length} bytes of {@code data}. */
    static JpegHeader read(byte[] data, int length) throws ImageException {
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(data, 0, length)) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, SEGMENTS);
            long scanStart = in.getStreamPosition();
            int orientation = 1;
            JPEGSegment frame = null;
            for (JPEGSegment s : segments) {
                if (s.marker() == JPEG.APP1 && orientation == 1) {
                    orientation = orientation(s);
                } else if (s.marker() != JPEG.APP1 && frame == null) {
                    frame = s;
                }
            }
            if (frame == null) {
                throw new ImageException(Status.DECODE_ERROR, "JPEG without a frame header");
            }
            DataInputStream sof = new DataInputStream(frame.data());
            int precision = sof.readUnsignedByte();
            int height = sof.readUnsignedShort();
            int width = sof.readUnsignedShort();
            int components = sof.readUnsignedByte();
            if (width == 0 || height == 0) {
                throw new ImageException(Status.DECODE_ERROR, "JPEG of size " + width + "x" + height);
            }
            return new JpegHeader(width, height, components, precision, frame.marker(), orientation, scanStart);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(Status.DECODE_ERROR, "unreadable JPEG header: " + e, e);
        }
    }

    /**
     * The EXIF orientation, 1 to 8; 1 when the block is unreadable or the value out of range,
     * as viewers do: a broken EXIF block does not make a broken image.
     */
    private static int orientation(JPEGSegment exif) {
        try (InputStream in = exif.data()) {
            byte[] tiff = in.readAllBytes();
            // After "Exif\0" comes one pad byte, then the TIFF structure.
            Directory ifd = new TIFFReader().read(new ByteArrayImageInputStream(tiff, 1, tiff.length - 1));
            Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
            if (entry != null && entry.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                return n.intValue();
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable EXIF: the image as stored.
        }
        return 1;
    }
}
