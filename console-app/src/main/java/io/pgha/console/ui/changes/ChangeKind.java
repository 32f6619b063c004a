package io.pgha.console.ui.changes;

/** The day-two changes the console offers; each is one of the CLI's commands. */
public enum ChangeKind {
    /** {@code pgha scale --nodes N+1}. */
    ADD_REPLICA("Add replica"),
    /** {@code pgha scale --nodes N-1 [--delete-volumes]}. */
    REMOVE_NODE("Remove node"),
    /** {@code pgha upgrade --image REF}. */
    UPGRADE("Upgrade"),
    /** {@code pgha replace NODE [--keep-volume]}. */
    REPLACE_NODE("Replace node"),
    /** {@code pgha apply --spec FILE}, from the Settings tab: the running spec edited, or a spec file. */
    APPLY_SPEC("Apply spec");

    private final String title;

    ChangeKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
