package io.pgha.console.ui.member;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Roles;
import io.pgha.console.ui.common.RouterWords;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.topology.TopologyMapper;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail panel of the selected PostgreSQL member: what Patroni, Docker, the router and the health
 * checks say about it, and which actions make sense for it now. The supervisor's container, selected in the
 * topology, shows here too: what Docker says about it, and its container actions.
 */
public final class MemberDetailViewModel {

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper leader = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canBecomePrimary = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasContainer = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper containerRunning = new ReadOnlyBooleanWrapper();
    private final ObservableList<DetailRow> rows = FXCollections.observableArrayList();
    private Optional<String> member = Optional.empty();
    private final Map<String, String> hostPatroniUrls;

    public MemberDetailViewModel() {
        this(Map.of());
    }

    /** @param hostPatroniUrls each member's Patroni REST API as this host reaches it (a published port) */
    public MemberDetailViewModel(Map<String, String> hostPatroniUrls) {
        this.hostPatroniUrls = Map.copyOf(hostPatroniUrls);
    }

    public void show(Optional<String> member, ClusterSnapshot snapshot) {
        this.member = member;
        apply(snapshot);
    }

    public void apply(ClusterSnapshot snapshot) {
        Optional<Member> m = member.flatMap(snapshot::member);
        present.set(m.isPresent());
        Optional<ContainerInfo> supervisor =
                member.flatMap(snapshot::container).filter(c -> TopologyMapper.SUPERVISOR_ROLE.equals(c.role()));
        if (m.isEmpty() && supervisor.isPresent()) {
            showSupervisor(snapshot, supervisor.get());
            return;
        }
        if (m.isEmpty()) {
            title.set(member.map(n -> n + " (not in the cluster now)").orElse(""));
            rows.clear();
            leader.set(false);
            canBecomePrimary.set(false);
            hasContainer.set(false);
            containerRunning.set(false);
            return;
        }
        Member member = m.get();
        Optional<ContainerInfo> container = snapshot.containerOf(member.name());
        title.set(member.name());
        leader.set(member.role().isLeader());
        canBecomePrimary.set(!member.role().isLeader()
                && member.isRunning()
                && !member.noFailover()
                && snapshot.leader().isPresent());
        hasContainer.set(container.isPresent());
        containerRunning.set(container.map(ContainerInfo::running).orElse(false));
        List<DetailRow> next = rows(snapshot, member, container);
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private void showSupervisor(ClusterSnapshot snapshot, ContainerInfo c) {
        title.set(c.name());
        leader.set(false);
        canBecomePrimary.set(false);
        hasContainer.set(true);
        containerRunning.set(c.running());
        boolean dockerAnswers =
                snapshot.source(Source.DOCKER).map(SourceStatus::available).orElse(false);
        List<DetailRow> next = new ArrayList<>();
        next.add(DetailRow.plain("role", "supervisor: fences a dead primary's leader key, moves the router's traffic"));
        if (dockerAnswers) {
            next.add(new DetailRow(
                    "container",
                    c.state() + (c.health().equals("none") ? "" : " (" + c.health() + ")"),
                    TopologyMapper.containerTone(c)));
        } else {
            next.add(new DetailRow("container", "unknown: Docker does not answer", Tone.UNKNOWN));
        }
        next.add(new DetailRow(
                "restarts", String.valueOf(c.restartCount()), c.restartCount() == 0 ? Tone.OK : Tone.WARN));
        c.startedAt().ifPresent(at -> next.add(DetailRow.plain("started", Formats.clock(at))));
        if (!c.running()) {
            c.exitCode().ifPresent(code -> next.add(new DetailRow("exit code", String.valueOf(code), Tone.FAIL)));
        }
        next.add(DetailRow.plain("image", c.image()));
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private static String listener(RouterBackend b) {
        return switch (b.listener()) {
            case RouterBackend.WRITE_LISTENER -> "writes";
            case RouterBackend.READ_LISTENER -> "reads";
            default -> b.listener();
        };
    }

    private List<DetailRow> rows(ClusterSnapshot snapshot, Member m, Optional<ContainerInfo> container) {
        List<DetailRow> rows = new ArrayList<>();
        rows.add(new DetailRow("role", Roles.label(m.role()), m.role().isLeader() ? Tone.OK : Tone.UNKNOWN));
        rows.add(new DetailRow("state", m.state(), m.isRunning() ? Tone.OK : Tone.FAIL));
        rows.add(DetailRow.plain(
                "timeline",
                m.timeline().isPresent() ? String.valueOf(m.timeline().getAsInt()) : "unknown"));
        rows.add(DetailRow.plain("lsn", m.lsn().isPresent() ? lsn(m.lsn().getAsLong()) : "unknown"));
        if (!m.role().isLeader()) {
            boolean high =
                    m.lagBytes().isPresent() && m.lagBytes().getAsLong() > TopologyMapper.lagAlarmBytes(snapshot);
            rows.add(new DetailRow(
                    "lag",
                    Formats.lag(m.lagBytes()),
                    m.lagBytes().isEmpty() ? Tone.UNKNOWN : high ? Tone.WARN : Tone.OK));
        }
        rows.add(DetailRow.plain("address", m.host() + ":" + m.port()));
        rows.add(DetailRow.plain(
                "Patroni API",
                Optional.ofNullable(hostPatroniUrls.get(m.name()))
                        .map(url -> url.replaceAll("/+$", "") + "/patroni")
                        .orElse(m.apiUrl() + " (inside the stack's network)")));
        if (m.pendingRestart()) {
            rows.add(new DetailRow("pending restart", "yes: a changed setting needs a restart", Tone.WARN));
        }
        m.scheduledRestart().ifPresent(at -> rows.add(DetailRow.plain("scheduled restart", Formats.clock(at))));
        if (!m.tags().isEmpty()) {
            rows.add(DetailRow.plain(
                    "tags",
                    m.tags().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", "))));
        }
        container.ifPresent(c -> {
            rows.add(new DetailRow(
                    "container",
                    c.state() + (c.health().equals("none") ? "" : " (" + c.health() + ")"),
                    c.running() ? Tone.OK : Tone.FAIL));
            rows.add(DetailRow.plain("restarts", String.valueOf(c.restartCount())));
            c.startedAt().ifPresent(at -> rows.add(DetailRow.plain("started", Formats.clock(at))));
        });
        for (RouterBackend b : snapshot.routerBackends()) {
            if (b.server().equals(m.name())) {
                boolean byDesign = RouterWords.standby(snapshot, b) && b.status() == RouterBackend.Status.DOWN;
                String sessions = b.currentSessions() == 1 ? "1 session" : b.currentSessions() + " sessions";
                rows.add(new DetailRow(
                        "router " + listener(b),
                        byDesign
                                ? RouterWords.byDesign(b)
                                : b.status() + " · " + RouterWords.check(b.checkStatus()) + " · " + sessions,
                        b.status() == RouterBackend.Status.UP ? Tone.OK : byDesign ? Tone.UNKNOWN : Tone.FAIL));
            }
        }
        for (HealthCheck c : snapshot.checks()) {
            if (c.target().equals(m.name())) {
                rows.add(new DetailRow(
                        c.kind().name().toLowerCase().replace('_', ' '), c.detail(), Tone.of(c.status())));
            }
        }
        return rows;
    }

    /** PostgreSQL writes an LSN as two hex halves, e.g. 0/3000148. */
    static String lsn(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    public Optional<String> member() {
        return member;
    }

    public ClusterAction restartPostgres() {
        return new ClusterAction.RestartPostgres(member.orElseThrow());
    }

    public ClusterAction restartContainer() {
        return new ClusterAction.RestartContainer(member.orElseThrow());
    }

    public ClusterAction reinitialize() {
        return new ClusterAction.Reinitialize(member.orElseThrow());
    }

    public ClusterAction stopOrStartContainer() {
        return containerRunning.get()
                ? new ClusterAction.StopContainer(member.orElseThrow())
                : new ClusterAction.StartContainer(member.orElseThrow());
    }

    public ObservableList<DetailRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty leaderProperty() {
        return leader.getReadOnlyProperty();
    }

    /** Whether a switchover to this member makes sense now. */
    public ReadOnlyBooleanProperty canBecomePrimaryProperty() {
        return canBecomePrimary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasContainerProperty() {
        return hasContainer.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty containerRunningProperty() {
        return containerRunning.getReadOnlyProperty();
    }
}
