package io.pgha.console.ui.topology;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Roles;
import io.pgha.console.ui.common.Tones;
import io.pgha.console.ui.topology.Topology.EtcdNode;
import io.pgha.console.ui.topology.Topology.Link;
import io.pgha.console.ui.topology.Topology.PostgresNode;
import io.pgha.console.ui.topology.Topology.SupervisorNode;
import io.pgha.runtime.model.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.ScaleTransition;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.QuadCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The live drawing of the cluster. Shape says role (a square for the primary, a circle for a replica, a
 * double circle for a synchronous standby, a hexagon for the router, a shield beside it for the supervisor, a rounded
 * bar for etcd), the tone
 * class says health, line style says path (solid write path, dashed read paths, dotted replication), so
 * the picture reads without the text. Nodes that changed pulse briefly.
 */
public final class TopologyView extends Pane {

    private static final double ETCD_WIDTH = 120;
    private static final double ETCD_HEIGHT = 44;
    private static final double ROUTER_WIDTH = 230;
    private static final double ROUTER_HEIGHT = 58;
    private static final double SUPERVISOR_WIDTH = 190;
    private static final double SUPERVISOR_HEIGHT = 54;

    private static final String FIT_CENTRE = "pgha-fit-centre";
    private static final String FIT_WIDTH = "pgha-fit-width";

    private final TopologyViewModel viewModel;
    private final Group links = new Group();
    private final Group nodes = new Group();
    private final Group overlay = new Group();
    private final Map<String, Point2D> centers = new HashMap<>();
    private boolean firstDrawingReported;

    public TopologyView(TopologyViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("topology");
        setId("topology");
        setMinSize(420, 360);
        getChildren().addAll(links, nodes, overlay);
        viewModel.updateProperty().addListener((o, before, update) -> {
            redraw();
            pulse(update.changed());
        });
        viewModel.selectedMemberProperty().addListener((o, a, b) -> redraw());
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                viewModel.clearSelection();
            }
        });
        redraw();
    }

    private void redraw() {
        links.getChildren().clear();
        nodes.getChildren().clear();
        overlay.getChildren().clear();
        centers.clear();
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        Topology topology = viewModel.updateProperty().get().topology();
        TopologyLayout layout = new TopologyLayout(
                getWidth(),
                getHeight(),
                topology.postgres().size(),
                topology.etcd().size());
        for (int i = 0; i < topology.postgres().size(); i++) {
            centers.put(topology.postgres().get(i).id(), layout.postgres(i));
        }
        for (int i = 0; i < topology.etcd().size(); i++) {
            centers.put(topology.etcd().get(i).id(), layout.etcd(i));
        }
        drawHosts(topology, layout);
        if (topology.router().present()) {
            centers.put(NodeId.ROUTER, layout.router());
            nodes.getChildren().add(router(topology, layout));
        }
        if (topology.supervisor().present()) {
            centers.put(NodeId.SUPERVISOR, layout.supervisor(ROUTER_WIDTH, SUPERVISOR_WIDTH));
            nodes.getChildren()
                    .add(supervisor(topology.supervisor(), topology.router().present()));
        }
        List<Bounds> labels = new ArrayList<>();
        topology.links().forEach(l -> drawLink(l, layout, labels));
        topology.postgres().forEach(p -> nodes.getChildren().add(postgres(p, layout)));
        topology.etcd().forEach(e -> nodes.getChildren().add(etcd(e)));
        if (!topology.etcd().isEmpty()) {
            nodes.getChildren().add(caption("etcd (DCS)", 12, layout.etcdY() - ETCD_HEIGHT / 2 - 14));
        }
        if (topology.postgres().isEmpty() && topology.etcd().isEmpty()) {
            nodes.getChildren()
                    .add(caption("waiting for the cluster's first snapshot …", getWidth() / 2 - 120, getHeight() / 2));
        }
        fitLabels();
        if (!topology.postgres().isEmpty()) {
            reportFirstDrawing();
        }
    }

    /**
     * Tells the view model once, after the layout pulse that first lays out a PostgreSQL node: the monitor then starts
     * the sources the drawing did not need (ClusterMonitor#clusterShown), no longer competing with it for the cores.
     */
    private void reportFirstDrawing() {
        Scene scene = getScene();
        if (firstDrawingReported || scene == null) {
            return;
        }
        firstDrawingReported = true;
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            // removed after the pulse: the scene is walking its listeners now
            Platform.runLater(() -> scene.removePostLayoutPulseListener(once[0]));
            viewModel.drawn();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /**
     * A cluster on a Swarm: one lane per host, side by side, labelled with its name, state and detail, holding the
     * PostgreSQL nodes and etcd members that run there (docs/decisions/0044); nodes on no host keep their place.
     */
    private void drawHosts(Topology topology, TopologyLayout layout) {
        List<Topology.HostLane> hosts = topology.hosts();
        if (hosts.isEmpty()) {
            return;
        }
        int lanes = hosts.size();
        for (int lane = 0; lane < lanes; lane++) {
            Topology.HostLane h = hosts.get(lane);
            List<String> pg = h.nodes().stream()
                    .filter(id -> id.startsWith(NodeId.postgres("")))
                    .toList();
            List<String> etcd = h.nodes().stream()
                    .filter(id -> id.startsWith(NodeId.etcd("")))
                    .toList();
            for (int i = 0; i < pg.size(); i++) {
                centers.put(pg.get(i), layout.inLane(lane, lanes, i, pg.size(), layout.postgresY()));
            }
            for (int i = 0; i < etcd.size(); i++) {
                centers.put(etcd.get(i), layout.inLane(lane, lanes, i, etcd.size(), layout.etcdY()));
            }
            double left = layout.laneLeft(lane, lanes) + 4;
            double width = layout.width() / lanes - 8;
            Rectangle box = new Rectangle(left, layout.laneTop(), width, layout.laneBottom() - layout.laneTop());
            box.setArcWidth(14);
            box.setArcHeight(14);
            box.getStyleClass().add("host-lane");
            Tones.apply(box, h.tone());
            box.setMouseTransparent(true);
            Group g = new Group(
                    box,
                    fitted(
                            h.name() + " · " + h.state(),
                            left + width / 2,
                            layout.laneTop() + 14,
                            width - 12,
                            "node-name"),
                    fitted(h.detail(), left + width / 2, layout.laneTop() + 30, width - 12, "node-role"));
            g.setId("host-lane-" + h.name());
            g.getStyleClass().add("host-lane-group");
            g.setAccessibleText("host " + h.name() + ", " + h.state() + ", " + h.detail());
            links.getChildren().add(g);
        }
    }

    private void drawLink(Link link, TopologyLayout layout, List<Bounds> labels) {
        Point2D from = centers.get(link.from());
        Point2D to = centers.get(link.to());
        if (from == null || to == null) {
            return;
        }
        Shape line;
        Point2D labelAt;
        if (link.kind() == Link.Kind.REPLICATION) {
            Point2D control = layout.replicationControl(from.getX(), to.getX());
            double y = layout.replicationY();
            line = new QuadCurve(from.getX(), y, control.getX(), control.getY(), to.getX(), y);
            labelAt = new Point2D(control.getX(), (y + control.getY()) / 2 + 14);
        } else if (link.kind() == Link.Kind.HANDOVER) {
            double y = from.getY() - layout.postgresRadius() - 10;
            Point2D control = layout.handoverControl(from.getX(), to.getX());
            line = new QuadCurve(from.getX(), y, control.getX(), control.getY(), to.getX(), y);
            labelAt = new Point2D(control.getX(), (y + control.getY()) / 2 - 8);
            links.getChildren().add(arrowHead(to.getX(), y, link));
        } else {
            double top = from.getY() + ROUTER_HEIGHT / 2;
            double bottom = to.getY() - layout.postgresRadius() - 4;
            line = new Line(from.getX(), top, to.getX(), bottom);
            // a member can have a write and a read path at once (while the router catches up): their labels sit apart
            double along = link.kind() == Link.Kind.WRITE ? 0.4 : 0.7;
            labelAt = new Point2D(from.getX() + (to.getX() - from.getX()) * along, top + (bottom - top) * along);
        }
        line.getStyleClass().addAll("link", link.kind().name().toLowerCase());
        line.setId("link-" + link.kind().name().toLowerCase() + "-"
                + link.to().substring(link.to().indexOf(':') + 1));
        Tones.apply(line, link.tone());
        Text label = centred(
                link.kind() == Link.Kind.REPLICATION ? "lag " + link.label() : link.label(),
                labelAt.getX(),
                labelAt.getY(),
                140,
                "link-label");
        label.getStyleClass().add("link-label-" + link.kind().name().toLowerCase());
        links.getChildren().addAll(line, label);
        keepApart(label, labels);
    }

    /** Moves a link's label down until it overlaps no label placed before it. */
    private static void keepApart(Text label, List<Bounds> placed) {
        label.applyCss();
        for (int tries = 0; tries < 6 && placed.stream().anyMatch(b -> b.intersects(textBounds(label))); tries++) {
            label.setY(label.getY() + textBounds(label).getHeight() + 2);
        }
        placed.add(textBounds(label));
    }

    /** The text's own extent (its wrapping width is wider than what it shows). */
    private static Bounds textBounds(Text label) {
        Bounds b = label.getBoundsInParent();
        Text unwrapped = new Text(label.getText());
        unwrapped.setFont(label.getFont());
        double width = Math.min(unwrapped.getLayoutBounds().getWidth(), b.getWidth());
        double centre = b.getMinX() + b.getWidth() / 2;
        return new BoundingBox(centre - width / 2, b.getMinY(), width, b.getHeight());
    }

    private static Polygon arrowHead(double x, double y, Link link) {
        Polygon head = new Polygon(x - 6, y - 10, x + 6, y - 10, x, y);
        head.getStyleClass().addAll("link-arrow", "handover");
        Tones.apply(head, link.tone());
        return head;
    }

    private Node postgres(PostgresNode p, TopologyLayout layout) {
        Point2D c = centers.get(p.id());
        double r = layout.postgresRadius();
        Group g = new Group();
        g.setId("pg-node-" + p.name());
        g.getStyleClass().addAll("pg-node", "role-" + p.role().patroniName());
        if (p.leader()) {
            g.getStyleClass().add("leader");
        }
        Tones.apply(g, p.tone());
        Shape body = p.leader() ? roundedSquare(c, r) : new Circle(c.getX(), c.getY(), r);
        body.getStyleClass().add("node-body");
        Tones.apply(body, p.tone());
        g.getChildren().add(body);
        if (p.role() == Role.SYNC_STANDBY || p.role() == Role.QUORUM_STANDBY) {
            Circle inner = new Circle(c.getX(), c.getY(), r - 6);
            inner.getStyleClass().add("node-body");
            Tones.apply(inner, p.tone());
            g.getChildren().add(inner);
        }
        if (p.leader()) {
            g.getChildren().add(crown(c.getX() + r * 0.72, c.getY() - r * 0.72, 9));
        }
        if (viewModel.selectedMemberProperty().get().map(p.name()::equals).orElse(false)) {
            Circle ring = new Circle(c.getX(), c.getY(), (p.leader() ? r * 1.42 : r) + 7);
            ring.getStyleClass().add("selection-ring");
            g.getChildren().add(ring);
        }
        g.getChildren()
                .addAll(
                        fitted(p.name(), c.getX(), c.getY() - 8, r * 1.8, "node-name"),
                        fitted(Roles.label(p.role()), c.getX(), c.getY() + 11, r * 1.8, "node-role"),
                        centred(
                                p.state()
                                        + p.timeline().stream()
                                                .mapToObj(t -> " · TL " + t)
                                                .findFirst()
                                                .orElse(""),
                                c.getX(),
                                c.getY() + r + 14,
                                190,
                                "node-facts"),
                        centred(
                                p.leader()
                                        ? (p.pendingRestart() ? "pending restart" : "")
                                        : "lag " + Formats.lag(p.lagBytes()) + (p.lagAlarm() ? " ⚠" : ""),
                                c.getX(),
                                c.getY() + r + 32,
                                190,
                                "node-facts"));
        g.setAccessibleText(p.name() + ", " + Roles.label(p.role()) + ", " + p.state());
        g.setOnMouseClicked(e -> {
            viewModel.select(p.name());
            e.consume();
        });
        return g;
    }

    private Node etcd(EtcdNode e) {
        Point2D c = centers.get(e.id());
        Group g = new Group();
        g.setId("etcd-node-" + e.name());
        g.getStyleClass().add("etcd-node");
        if (e.leader()) {
            g.getStyleClass().add("leader");
        }
        Tones.apply(g, e.tone());
        Rectangle body = new Rectangle(c.getX() - ETCD_WIDTH / 2, c.getY() - ETCD_HEIGHT / 2, ETCD_WIDTH, ETCD_HEIGHT);
        body.setArcWidth(ETCD_HEIGHT * 0.8);
        body.setArcHeight(ETCD_HEIGHT * 0.8);
        body.getStyleClass().add("node-body");
        Tones.apply(body, e.tone());
        g.getChildren().add(body);
        if (e.leader()) {
            g.getChildren().add(crown(c.getX() + ETCD_WIDTH / 2 - 6, c.getY() - ETCD_HEIGHT / 2 + 2, 8));
        }
        g.getChildren()
                .addAll(
                        fitted(e.name(), c.getX(), c.getY() - 7, ETCD_WIDTH - 12, "node-name"),
                        fitted(
                                e.leader() ? "raft leader" : e.detail(),
                                c.getX(),
                                c.getY() + 11,
                                ETCD_WIDTH - 12,
                                "node-role"));
        g.setAccessibleText(e.name() + (e.leader() ? ", raft leader" : ""));
        return g;
    }

    private Node router(Topology topology, TopologyLayout layout) {
        Point2D c = layout.router();
        Group g = new Group();
        g.setId("router-node");
        g.getStyleClass().add("router-node");
        double w = ROUTER_WIDTH / 2;
        double h = ROUTER_HEIGHT / 2;
        Polygon body = new Polygon(
                c.getX() - w,
                c.getY(),
                c.getX() - w + h,
                c.getY() - h,
                c.getX() + w - h,
                c.getY() - h,
                c.getX() + w,
                c.getY(),
                c.getX() + w - h,
                c.getY() + h,
                c.getX() - w + h,
                c.getY() + h);
        body.getStyleClass().add("node-body");
        Tones.apply(body, topology.router().tone());
        Tones.apply(g, topology.router().tone());
        g.getChildren()
                .addAll(
                        body,
                        fitted("HAProxy router", c.getX(), c.getY() - 9, ROUTER_WIDTH - ROUTER_HEIGHT, "node-name"),
                        fitted(
                                sessions(topology.router().writeSessions(), "write") + " · "
                                        + sessions(topology.router().readSessions(), "read"),
                                c.getX(),
                                c.getY() + 11,
                                ROUTER_WIDTH - ROUTER_HEIGHT,
                                "node-role"));
        return g;
    }

    /** The supervisor beside the router, joined to it by a thin line: it acts on the router and on etcd's leader key. */
    private Node supervisor(SupervisorNode s, boolean router) {
        Point2D c = centers.get(NodeId.SUPERVISOR);
        double w = SUPERVISOR_WIDTH / 2;
        double h = SUPERVISOR_HEIGHT / 2;
        if (router) {
            Point2D r = centers.get(NodeId.ROUTER);
            Line line = new Line(r.getX() + ROUTER_WIDTH / 2, r.getY(), c.getX() - w, c.getY() - h * 0.3);
            line.getStyleClass().addAll("link", "supervision");
            line.setId("link-supervision");
            links.getChildren().add(line);
        }
        Group g = new Group();
        g.setId("supervisor-node");
        g.getStyleClass().add("supervisor-node");
        Tones.apply(g, s.tone());
        Polygon body = new Polygon(
                c.getX() - w,
                c.getY() - h,
                c.getX() + w,
                c.getY() - h,
                c.getX() + w,
                c.getY() + h * 0.35,
                c.getX(),
                c.getY() + h,
                c.getX() - w,
                c.getY() + h * 0.35);
        body.getStyleClass().add("node-body");
        Tones.apply(body, s.tone());
        g.getChildren().add(body);
        if (viewModel.selectedMemberProperty().get().map(s.name()::equals).orElse(false)) {
            Rectangle ring = new Rectangle(c.getX() - w - 7, c.getY() - h - 7, 2 * w + 14, 2 * h + 14);
            ring.setArcWidth(16);
            ring.setArcHeight(16);
            ring.getStyleClass().add("selection-ring");
            g.getChildren().add(ring);
        }
        String state = s.state() + ("none".equals(s.health()) ? "" : " (" + s.health() + ")");
        g.getChildren()
                .addAll(
                        fitted(s.name(), c.getX(), c.getY() - 12, SUPERVISOR_WIDTH - 16, "node-name"),
                        fitted("supervisor · " + state, c.getX(), c.getY() + 5, SUPERVISOR_WIDTH - 16, "node-role"),
                        centred(
                                s.restarts() + (s.restarts() == 1 ? " restart" : " restarts"),
                                c.getX(),
                                c.getY() + h + 12,
                                SUPERVISOR_WIDTH,
                                "node-facts"));
        g.setAccessibleText(s.name() + ", supervisor, " + state);
        g.setOnMouseClicked(e -> {
            viewModel.select(s.name());
            e.consume();
        });
        return g;
    }

    private static Shape roundedSquare(Point2D c, double r) {
        Rectangle square = new Rectangle(c.getX() - r, c.getY() - r, 2 * r, 2 * r);
        square.setArcWidth(r * 0.7);
        square.setArcHeight(r * 0.7);
        return square;
    }

    /** The leader mark: a small five-pointed star. */
    private static Shape crown(double x, double y, double size) {
        Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? size : size * 0.45;
            double angle = Math.PI / 5 * i - Math.PI / 2;
            star.getPoints().addAll(x + radius * Math.cos(angle), y + radius * Math.sin(angle));
        }
        star.getStyleClass().add("leader-mark");
        return star;
    }

    /** "1 write session", "2 read sessions". */
    static String sessions(long count, String kind) {
        return count + " " + kind + (count == 1 ? " session" : " sessions");
    }

    /**
     * A label inside a shape: centred on x and, when its font would make it wider than the shape allows, scaled
     * down to fit ({@link #fitLabels()} does that once the stylesheet has given it its font).
     */
    private static Text fitted(String text, double x, double y, double maxWidth, String styleClass) {
        Text t = new Text(text);
        t.setTextOrigin(VPos.CENTER);
        t.setY(y);
        t.getStyleClass().addAll(styleClass, "fitted");
        t.getProperties().put(FIT_CENTRE, x);
        t.getProperties().put(FIT_WIDTH, maxWidth);
        t.setMouseTransparent(true);
        return t;
    }

    private void fitLabels() {
        for (Node n : nodes.lookupAll(".fitted")) {
            if (n instanceof Text t
                    && t.getProperties().get(FIT_CENTRE) instanceof Double x
                    && t.getProperties().get(FIT_WIDTH) instanceof Double max) {
                t.applyCss();
                double width = t.getLayoutBounds().getWidth();
                t.setX(x - width / 2);
                double scale = width > max ? max / width : 1;
                t.setScaleX(scale);
                t.setScaleY(scale);
            }
        }
    }

    private static Text centred(String text, double x, double y, double width, String styleClass) {
        Text t = new Text(text);
        t.setWrappingWidth(width);
        t.setTextAlignment(TextAlignment.CENTER);
        t.setTextOrigin(VPos.CENTER);
        t.setX(x - width / 2);
        t.setY(y);
        t.getStyleClass().add(styleClass);
        t.setMouseTransparent(true);
        return t;
    }

    private static Text caption(String text, double x, double y) {
        Text t = new Text(x, y, text);
        t.getStyleClass().add("row-caption");
        return t;
    }

    /** A ring that grows and fades around each changed node, twice, then goes away. */
    private void pulse(Set<String> changed) {
        for (String id : changed) {
            Point2D c = centers.get(id);
            if (c == null) {
                continue;
            }
            Circle ring = new Circle(c.getX(), c.getY(), id.startsWith("etcd") ? ETCD_HEIGHT : 54);
            ring.getStyleClass().add("pulse");
            ring.setMouseTransparent(true);
            overlay.getChildren().add(ring);
            ScaleTransition grow = new ScaleTransition(Duration.millis(700), ring);
            grow.setFromX(0.8);
            grow.setFromY(0.8);
            grow.setToX(1.5);
            grow.setToY(1.5);
            FadeTransition fade = new FadeTransition(Duration.millis(700), ring);
            fade.setFromValue(1);
            fade.setToValue(0);
            ParallelTransition animation = new ParallelTransition(grow, fade);
            animation.setCycleCount(2);
            animation.setOnFinished(e -> overlay.getChildren().remove(ring));
            animation.play();
        }
    }

    /** The ids of the nodes drawn now, for tests. */
    List<String> drawnIds() {
        return List.copyOf(centers.keySet());
    }
}
