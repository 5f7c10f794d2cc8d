import java.nio.file.Files;
import java.nio.file.Path;
import org.libjpegturbo.turbojpeg.TJ;
import org.libjpegturbo.turbojpeg.TJCompressor;

/**
 * Makes ycck.jpg: the quadrants of make-fixtures.py as an Adobe YCCK JPEG, which TurboJPEG
 * writes from CMYK pixels. Run once, output committed:
 *     java -cp /usr/share/java/turbojpeg.jar MakeYcck.java
 * TurboJPEG takes CMYK as ink amounts inverted (255 = no ink), the Adobe convention that
 * Photoshop's CMYK JPEGs follow.
 */
public class MakeYcck {
    public static void main(String[] args) throws Exception {
        int w = 96;
        int h = 64;
        int[][] inks = {{0, 255, 255, 0}, {255, 0, 255, 0}, {255, 255, 0, 0}, {0, 0, 0, 0}};
        byte[] cmyk = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] ink = inks[(y / 32) * 2 + x / 48];
                for (int c = 0; c < 4; c++) {
                    cmyk[(y * w + x) * 4 + c] = (byte) (255 - ink[c]);
                }
            }
        }
        TJCompressor tj = new TJCompressor(cmyk, 0, 0, w, w * 4, h, TJ.PF_CMYK);
        tj.setSubsamp(TJ.SAMP_444);
        tj.setJPEGQuality(95);
        byte[] jpeg = tj.compress(0);
        Files.write(Path.of("ycck.jpg"), java.util.Arrays.copyOf(jpeg, tj.getCompressedSize()));
    }
}
