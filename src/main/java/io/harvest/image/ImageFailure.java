package io.harvest.image;

/** Why an image could not be made into thumbnails: the manifest's status for it. */
public enum ImageFailure {
    /** Not an image, or an image too broken to decode (truncated, corrupt, zero bytes). */
    DECODE_ERROR("decode_error"),
    /** A real image in a format or variant Harvest cannot read. */
    UNSUPPORTED("unsupported"),
    /** Larger than the pixel cap, found from the header before decoding any pixel. */
    TOO_MANY_PIXELS("too_many_pixels");

    private final String status;

    ImageFailure(String status) {
        this.status = status;
    }

    public String status() {
        return status;
    }
}
