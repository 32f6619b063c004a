package io.pgha.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;

/**
 * A diagnostic for the console benchmark (PGHA_BENCH_TRACE=1): before each layout pass, to stderr, the nodes that ask
 * for CSS, layout or a repaint (JavaFX's own dirty flags, read by reflection: the console's jars are on the class path);
 * after it, the nodes whose visible state changed. An idle console should print nothing between snapshots; when it
 * repaints, this names the node that asked.
 */
final class SceneTrace {
    private Map<String, String> last = new HashMap<>();
    private final long start = System.currentTimeMillis();

    static void install(Scene scene) {
        SceneTrace changes = new SceneTrace();
        scene.addPostLayoutPulseListener(() -> changes.pulse(scene));
        scene.addPreLayoutPulseListener(() -> {
            StringBuilder b = new StringBuilder();
            dirty(scene.getRoot(), "", b);
            if (b.length() > 0) System.err.printf("[dirty %d ms]%n%s", System.currentTimeMillis() - changes.start, b);
        });
    }

    private void pulse(Scene scene) {
        Map<String, String> now = new HashMap<>();
        walk(scene.getRoot(), "", now);
        StringBuilder out = new StringBuilder();
        for (var e : now.entrySet()) {
            String before = last.get(e.getKey());
            if (before != null && !before.equals(e.getValue())) {
                out.append("  ")
                        .append(e.getKey())
                        .append("\n    was ")
                        .append(before)
                        .append("\n    now ")
                        .append(e.getValue())
                        .append('\n');
            }
        }
        int added = 0;
        for (String k : now.keySet()) if (!last.containsKey(k)) added++;
        int removed = 0;
        for (String k : last.keySet()) if (!now.containsKey(k)) removed++;
        if (out.length() > 0 || ((added > 0 || removed > 0) && !last.isEmpty())) {
            System.err.printf("[trace %d ms] +%d -%d%n%s", System.currentTimeMillis() - start, added, removed, out);
        }
        last = now;
    }

    private static java.lang.reflect.Field field(Class<?> c, String name) {
        try {
            java.lang.reflect.Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.lang.reflect.Field CSS = field(Node.class, "cssFlag");
    private static final java.lang.reflect.Field BITS = field(Node.class, "dirtyBits");

    private static void dirty(Node n, String path, StringBuilder out) {
        String key = path + "/" + n.getClass().getSimpleName() + (n.getId() != null ? "#" + n.getId() : "");
        try {
            Object css = CSS.get(n);
            Object bitsSet = BITS.get(n);
            String bits = String.valueOf(bitsSet);
            boolean layout = n instanceof Parent p && p.isNeedsLayout();
            boolean childLayout = false;
            if (n instanceof Parent p)
                for (Node c : p.getChildrenUnmodifiable())
                    if (c instanceof Parent cp && cp.isNeedsLayout()) childLayout = true;
            if (!"CLEAN".equals(String.valueOf(css))
                    || !(bitsSet == null || ((java.util.Set<?>) bitsSet).isEmpty())
                    || (layout && !childLayout)) {
                out.append("  ")
                        .append(key)
                        .append(" css=")
                        .append(css)
                        .append(" bits=")
                        .append(bits)
                        .append(" layout=")
                        .append(layout)
                        .append(n instanceof Labeled l ? " text=" + l.getText() : "")
                        .append('\n');
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) dirty(c, key, out);
    }

    private static void walk(Node n, String path, Map<String, String> out) {
        String key = path + "/" + n.getClass().getSimpleName() + (n.getId() != null ? "#" + n.getId() : "")
                + (n.getParent() != null
                        ? "[" + n.getParent().getChildrenUnmodifiable().indexOf(n) + "]"
                        : "");
        StringBuilder sig = new StringBuilder();
        sig.append(n.getStyleClass())
                .append(n.getPseudoClassStates())
                .append(" vis=")
                .append(n.isVisible())
                .append(" op=")
                .append(n.getOpacity())
                .append(" lb=")
                .append(n.getLayoutBounds())
                .append(" at=")
                .append(n.getLayoutX())
                .append(',')
                .append(n.getLayoutY())
                .append(" tr=")
                .append(n.getTranslateX())
                .append(',')
                .append(n.getTranslateY())
                .append(" style=")
                .append(n.getStyle());
        if (n instanceof Labeled l)
            sig.append(" text=").append(l.getText()).append(" g=").append(Objects.hashCode(l.getGraphic()));
        if (n instanceof Text t) sig.append(" t=").append(t.getText());
        if (n instanceof Shape s)
            sig.append(" fill=").append(s.getFill()).append(" stroke=").append(s.getStroke());
        out.put(key, sig.toString());
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) walk(c, key, out);
        }
    }
}
