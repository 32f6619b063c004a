package io.pgha.runtime.testsupport;

import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@link Member} for {@link SnapshotBuilder}: as Patroni publishes a container's member (host = name, port 5432,
 * REST URL {@code http://NAME:8008/patroni}), timeline, position and lag unknown, no tags, nothing pending, unless set.
 */
public final class MemberBuilder {

    private final String name;
    private final Role role;
    private final String state;
    private OptionalInt timeline = OptionalInt.empty();
    private OptionalLong lsn = OptionalLong.empty();
    private OptionalLong lag = OptionalLong.empty();
    private String apiUrl;
    private Map<String, String> tags = Map.of();
    private boolean pendingRestart;
    private Optional<Instant> scheduledRestart = Optional.empty();

    private MemberBuilder(String name, Role role, String state) {
        this.name = name;
        this.role = role;
        this.state = state;
        this.apiUrl = "http://" + name + ":8008/patroni";
    }

    public static MemberBuilder member(String name, Role role, String state) {
        return new MemberBuilder(name, role, state);
    }

    public MemberBuilder timeline(int timeline) {
        this.timeline = OptionalInt.of(timeline);
        return this;
    }

    public MemberBuilder timeline(OptionalInt timeline) {
        this.timeline = timeline;
        return this;
    }

    public MemberBuilder lsn(long lsn) {
        this.lsn = OptionalLong.of(lsn);
        return this;
    }

    public MemberBuilder lag(long bytes) {
        return lag(OptionalLong.of(bytes));
    }

    public MemberBuilder lag(OptionalLong bytes) {
        this.lag = bytes;
        return this;
    }

    public MemberBuilder apiUrl(String url) {
        this.apiUrl = url;
        return this;
    }

    public MemberBuilder tags(Map<String, String> tags) {
        this.tags = tags;
        return this;
    }

    public MemberBuilder pendingRestart(boolean pending) {
        this.pendingRestart = pending;
        return this;
    }

    public MemberBuilder scheduledRestart(Instant at) {
        this.scheduledRestart = Optional.of(at);
        return this;
    }

    public Member build() {
        return new Member(
                name, role, state, timeline, lsn, lag, name, 5432, apiUrl, tags, pendingRestart, scheduledRestart);
    }
}
