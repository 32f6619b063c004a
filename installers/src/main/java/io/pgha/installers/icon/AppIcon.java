package io.pgha.installers.icon;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The pgha application icon, drawn from shapes only (no fonts, so every build draws the same pixels):
 * a blue tile with three cluster nodes joined to each other, the primary in amber above two replicas.
 */
public final class AppIcon {

    static final Color TILE_TOP = new Color(0x33, 0x67, 0x91);
    static final Color TILE_BOTTOM = new Color(0x1b, 0x3f, 0x5e);
    static final Color PRIMARY = new Color(0xf2, 0xa9, 0x00);
    static final Color REPLICA = Color.WHITE;
    static final Color LINK = new Color(255, 255, 255, 170);

    private AppIcon() {}

    /** The icon as a square ARGB image of the given size in pixels. */
    public static BufferedImage draw(int size) {
        if (size < 16) {
            throw new IllegalArgumentException("icons are at least 16 pixels wide, not " + size);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double s = size;
            double margin = s * 0.04;
            g.setPaint(new GradientPaint(0, 0, TILE_TOP, 0, (float) s, TILE_BOTTOM));
            g.fill(new RoundRectangle2D.Double(margin, margin, s - 2 * margin, s - 2 * margin, s * 0.36, s * 0.36));

            Point2D primary = new Point2D.Double(s * 0.50, s * 0.30);
            Point2D left = new Point2D.Double(s * 0.27, s * 0.70);
            Point2D right = new Point2D.Double(s * 0.73, s * 0.70);
            g.setColor(LINK);
            g.setStroke(new BasicStroke((float) (s * 0.045), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(primary, left));
            g.draw(new Line2D.Double(primary, right));
            g.draw(new Line2D.Double(left, right));

            node(g, primary, s * 0.14, PRIMARY);
            node(g, left, s * 0.11, REPLICA);
            node(g, right, s * 0.11, REPLICA);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void node(Graphics2D g, Point2D centre, double radius, Color fill) {
        g.setColor(fill);
        g.fill(new Ellipse2D.Double(centre.getX() - radius, centre.getY() - radius, 2 * radius, 2 * radius));
    }
}
