package io.pgha.installers.icon;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IconFilesTest {

    @Test
    void pngIsTheTileWithTransparentCornersAndTheAmberPrimary() throws IOException {
        BufferedImage png = decode(IconFiles.png(256));
        assertThat(png.getWidth()).isEqualTo(256);
        assertThat(png.getHeight()).isEqualTo(256);
        assertThat(png.getRGB(0, 0) >>> 24).as("corner alpha").isZero();
        assertThat(png.getRGB(128, 77) & 0xFFFFFF).as("primary node").isEqualTo(AppIcon.PRIMARY.getRGB() & 0xFFFFFF);
        assertThat(png.getRGB(69, 179) & 0xFFFFFF).as("replica node").isEqualTo(0xFFFFFF);
    }

    @Test
    void icoHoldsOnePngPerSizeWithADirectoryPointingAtEach() throws IOException {
        byte[] ico = IconFiles.ico();
        ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(0)).isZero();
        assertThat(b.getShort(2)).as("type icon").isEqualTo((short) 1);
        assertThat(b.getShort(4)).isEqualTo((short) IconFiles.ICO_SIZES.size());
        for (int i = 0; i < IconFiles.ICO_SIZES.size(); i++) {
            int entry = 6 + 16 * i;
            int size = IconFiles.ICO_SIZES.get(i);
            assertThat(Byte.toUnsignedInt(b.get(entry))).isEqualTo(size == 256 ? 0 : size);
            int length = b.getInt(entry + 8);
            int offset = b.getInt(entry + 12);
            BufferedImage image = decode(Arrays.copyOfRange(ico, offset, offset + length));
            assertThat(image.getWidth()).isEqualTo(size);
        }
    }

    @Test
    void icnsHoldsTypedPngElementsAndItsTotalLength() throws IOException {
        byte[] icns = IconFiles.icns();
        ByteBuffer b = ByteBuffer.wrap(icns);
        assertThat(new String(icns, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(b.getInt(4)).isEqualTo(icns.length);
        int at = 8;
        for (IconFiles.IcnsElement e : IconFiles.ICNS_ELEMENTS) {
            assertThat(new String(icns, at, 4, StandardCharsets.US_ASCII)).isEqualTo(e.type());
            int length = b.getInt(at + 4);
            assertThat(decode(Arrays.copyOfRange(icns, at + 8, at + length)).getWidth())
                    .isEqualTo(e.size());
            at += length;
        }
        assertThat(at).isEqualTo(icns.length);
    }

    @Test
    void mainWritesTheThreeFiles(@TempDir Path dir) throws IOException {
        IconFiles.main(new String[] {dir.toString()});
        assertThat(dir.resolve("pgha.png")).isNotEmptyFile();
        assertThat(dir.resolve("pgha.ico")).isNotEmptyFile();
        assertThat(Files.readAllBytes(dir.resolve("pgha.icns"))).startsWith("icns".getBytes(StandardCharsets.US_ASCII));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a readable PNG").isNotNull();
        return image;
    }
}
