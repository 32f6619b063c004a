package io.pgha.installers.deb;

import static org.awaitility.Awaitility.await;

import java.awt.AWTException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;

/** Pictures of the X display, taken the way a person looks at it: pixels on the screen. */
final class Screenshots {

    private Screenshots() {}

    /** Waits until the area shows more than a blank fill (the window has painted), then saves it as PNG. */
    static BufferedImage awaitPainted(Rectangle area, Path png, Duration timeout) {
        Robot robot;
        try {
            robot = new Robot();
        } catch (AWTException e) {
            throw new AssertionError("cannot read the X display's pixels: " + e.getMessage(), e);
        }
        AtomicReference<BufferedImage> shot = new AtomicReference<>();
        await("the window at " + area + " painted (more than a few colours)")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    shot.set(robot.createScreenCapture(area));
                    return colours(shot.get()) > 8;
                });
        save(shot.get(), png);
        return shot.get();
    }

    static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    private static void save(BufferedImage image, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
