package io.pgha.installers.deb;

import static org.awaitility.Awaitility.await;

import io.pgha.runtime.testsupport.Commands;
import java.awt.Rectangle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Top-level windows of the X display, seen with xwininfo as a window manager or a person would see them. */
final class X11Windows {

    private static final Pattern TREE_LINE = Pattern.compile("^\\s*(0x[0-9a-f]+) \"(.*)\":");

    private X11Windows() {}

    /** Ids of the windows whose title is exactly the given one. */
    static List<String> titled(String title) {
        Commands.Result tree = Commands.runOk(Duration.ofSeconds(10), "xwininfo", "-root", "-tree");
        return tree.stdout()
                .lines()
                .map(TREE_LINE::matcher)
                .filter(Matcher::find)
                .filter(m -> m.group(2).equals(title))
                .map(m -> m.group(1))
                .toList();
    }

    /** Where a viewable (mapped, on screen) window with that title is, if there is one. */
    static Optional<Rectangle> viewable(String title) {
        for (String id : titled(title)) {
            Commands.Result info = Commands.run(Duration.ofSeconds(10), "xwininfo", "-id", id);
            if (info.ok() && info.stdout().contains("Map State: IsViewable")) {
                String s = info.stdout();
                return Optional.of(new Rectangle(
                        number(s, "Absolute upper-left X"),
                        number(s, "Absolute upper-left Y"),
                        number(s, "Width"),
                        number(s, "Height")));
            }
        }
        return Optional.empty();
    }

    static Rectangle awaitViewable(String title, Duration timeout) {
        AtomicReference<Rectangle> found = new AtomicReference<>();
        await("a viewable window titled \"" + title + "\"")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    viewable(title).ifPresent(found::set);
                    return found.get() != null;
                });
        return found.get();
    }

    private static int number(String xwininfo, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ":\\s*(-?\\d+)").matcher(xwininfo);
        if (!m.find()) {
            throw new AssertionError("xwininfo printed no " + label + ":\n" + xwininfo);
        }
        return Integer.parseInt(m.group(1));
    }
}
