package io.pgha.console.ui.topology;

import javafx.geometry.Point2D;

/**
 * Where the topology's rows and nodes go in a given area: the router on top, the PostgreSQL nodes in the
 * middle in a stable order (so a new leader changes shape, not place), etcd at the bottom.
 */
record TopologyLayout(double width, double height, int postgresCount, int etcdCount) {

    double routerY() {
        return height * 0.13;
    }

    double postgresY() {
        return height * 0.42;
    }

    double etcdY() {
        return height * 0.87;
    }

    /** The radius of a PostgreSQL node: as large as fits, within readable limits. */
    double postgresRadius() {
        double byWidth = width / (postgresCount + 1) * 0.3;
        return Math.clamp(Math.min(byWidth, height * 0.09), 26, 48);
    }

    Point2D postgres(int index) {
        return new Point2D(width * (index + 1) / (postgresCount + 1), postgresY());
    }

    Point2D etcd(int index) {
        double band = Math.min(width, 200.0 * etcdCount + 100);
        double left = (width - band) / 2;
        return new Point2D(left + band * (index + 1) / (etcdCount + 1), etcdY());
    }

    /** The left edge of lane {@code lane} of {@code lanes} (hosts of a Swarm side by side, the full width shared). */
    double laneLeft(int lane, int lanes) {
        return width * lane / lanes;
    }

    /** The {@code index}th of {@code count} nodes of a lane, spread across it, at the height {@code y}. */
    Point2D inLane(int lane, int lanes, int index, int count, double y) {
        double w = width / lanes;
        return new Point2D(laneLeft(lane, lanes) + w * (index + 1) / (count + 1), y);
    }

    /** A lane's top: above the PostgreSQL row, room for the host's name and its detail line. */
    double laneTop() {
        return postgresY() - postgresRadius() - 44;
    }

    /** A lane's bottom: below the etcd row. */
    double laneBottom() {
        return Math.min(height - 2, etcdY() + 30);
    }

    Point2D router() {
        return new Point2D(width / 2, routerY());
    }

    /** Beside the router, on its right, as far as the width allows. */
    Point2D supervisor(double routerWidth, double supervisorWidth) {
        double x = Math.min(width / 2 + routerWidth / 2 + 28 + supervisorWidth / 2, width - supervisorWidth / 2 - 8);
        return new Point2D(x, routerY());
    }

    /** Below a node's facts, where replication curves start and end. */
    double replicationY() {
        return postgresY() + postgresRadius() + 46;
    }

    /** The control point that bends the handover of a switchover between two nodes upwards, above their row. */
    Point2D handoverControl(double fromX, double toX) {
        double depth = 30 + Math.abs(toX - fromX) * 0.08;
        return new Point2D((fromX + toX) / 2, postgresY() - postgresRadius() - 10 - 2 * depth);
    }

    /**
     * The control point that bends a replication curve between two nodes downwards; in a low window no further
     * than leaves its lag label clear of the etcd row and its caption.
     */
    Point2D replicationControl(double fromX, double toX) {
        double room = etcdY() - ETCD_CLEARANCE - replicationY();
        double depth = Math.clamp(34 + Math.abs(toX - fromX) * 0.09, 6, Math.max(6, room));
        return new Point2D((fromX + toX) / 2, replicationY() + 2 * depth);
    }

    /** From the middle of the etcd row up: half a bar (22), its caption (16), a curve's label (14) and a gap. */
    private static final double ETCD_CLEARANCE = 22 + 16 + 14 + 10;
}
