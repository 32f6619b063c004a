package io.pgha.installers.icon;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the application icon in the format each installer wants: PNG (Linux), ICO (Windows) and ICNS
 * (macOS). ICO and ICNS both hold PNG images, which every supported Windows and macOS version reads.
 * Usage: IconFiles OUTPUT_DIRECTORY (writes pgha.png, pgha.ico and pgha.icns there).
 */
public final class IconFiles {

    public static final String NAME = "pgha";
    static final int PNG_SIZE = 256;
    static final List<Integer> ICO_SIZES = List.of(16, 32, 48, 256);
    /** ICNS element types and the PNG size each holds. */
    static final List<IcnsElement> ICNS_ELEMENTS =
            List.of(new IcnsElement("ic07", 128), new IcnsElement("ic08", 256), new IcnsElement("ic09", 512));

    record IcnsElement(String type, int size) {}

    private IconFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: IconFiles OUTPUT_DIRECTORY");
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Files.write(dir.resolve(NAME + ".png"), png(PNG_SIZE));
        Files.write(dir.resolve(NAME + ".ico"), ico());
        Files.write(dir.resolve(NAME + ".icns"), icns());
        System.out.println("icons written to " + dir.toAbsolutePath());
    }

    static byte[] png(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(AppIcon.draw(size), "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** ICONDIR, one ICONDIRENTRY per size, then the PNG images; all numbers little-endian. */
    static byte[] ico() {
        List<byte[]> images = ICO_SIZES.stream().map(IconFiles::png).toList();
        int headerSize = 6 + 16 * images.size();
        int total = headerSize + images.stream().mapToInt(i -> i.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        int offset = headerSize;
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES.get(i);
            b.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            b.put((byte) 0).put((byte) 0); // no palette, reserved
            b.putShort((short) 1).putShort((short) 32); // colour planes, bits per pixel
            b.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(b::put);
        return b.array();
    }

    /** "icns", total length, then one (type, length, PNG) element per size; all numbers big-endian. */
    static byte[] icns() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            for (IcnsElement e : ICNS_ELEMENTS) {
                byte[] image = png(e.size());
                out.write(e.type().getBytes(StandardCharsets.US_ASCII));
                out.writeInt(8 + image.length);
                out.write(image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(file)) {
            out.write("icns".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(8 + body.size());
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toByteArray();
    }
}
