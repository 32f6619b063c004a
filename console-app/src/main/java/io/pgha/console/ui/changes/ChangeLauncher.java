package io.pgha.console.ui.changes;

import java.util.Optional;
import javafx.stage.Window;

/** Opens a day-two change's dialog over the window, from the header's menu or a member's panel. */
public final class ChangeLauncher {

    private final ChangesViewModel viewModel;
    private final Window owner;

    public ChangeLauncher(ChangesViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        this.owner = owner;
    }

    /** @param member the member it was started from, if any */
    public void open(ChangeKind kind, Optional<String> member) {
        ChangeDialog.show(owner, viewModel.open(kind, member));
    }
}
