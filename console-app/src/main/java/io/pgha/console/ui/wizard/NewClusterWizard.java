package io.pgha.console.ui.wizard;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The new-cluster wizard: the form, then the progress of provisioning in the same window. Closing it
 * while provisioning runs cancels the run (the runtime removes what it created).
 */
public final class NewClusterWizard extends Dialog<ButtonType> {

    private static final ButtonType CREATE = new ButtonType("Create cluster", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType CANCEL_RUN =
            new ButtonType("Cancel provisioning", ButtonBar.ButtonData.CANCEL_CLOSE);
    private final NewClusterViewModel viewModel;
    private final Consumer<String> created;
    private ProvisioningViewModel run;
    private ProvisioningProgress progress;

    /** @param created called with the cluster's name once it is up */
    public NewClusterWizard(NewClusterViewModel viewModel, Window owner, Consumer<String> created) {
        this.viewModel = viewModel;
        this.created = created;
        initOwner(owner);
        setTitle("Create cluster");
        setHeaderText("A new cluster on the local Docker engine");
        setResizable(true);
        getDialogPane().setId("new-cluster-wizard");
        AppStyles.apply(getDialogPane());
        getDialogPane().setPrefWidth(860);
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        getDialogPane().setContent(new NewClusterForm(viewModel));
        DialogFit.keep(this);
        getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.setId("wizard-create");
        create.getStyleClass().add(Styles.ACCENT);
        create.disableProperty().bind(viewModel.validProperty().not());
        create.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            startProvisioning();
        });
        setOnCloseRequest(e -> {
            if (run != null && run.active()) {
                e.consume();
                run.cancel();
            }
        });
        setOnHidden(e -> {
            if (progress != null) {
                progress.stop();
            }
        });
    }

    private void startProvisioning() {
        run = viewModel.provisioning();
        progress = new ProvisioningProgress(run);
        getDialogPane().setContent(progress);
        setHeaderText("Creating " + run.request().name());
        getDialogPane().getButtonTypes().setAll(CANCEL_RUN, ButtonType.CLOSE);
        Button cancel = (Button) getDialogPane().lookupButton(CANCEL_RUN);
        cancel.setId("wizard-cancel-run");
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            run.cancel();
        });
        Button close = (Button) getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId("wizard-close");
        run.stateProperty().addListener((o, a, state) -> {
            cancel.setDisable(!run.cancellable());
            close.setDisable(run.active());
        });
        close.setDisable(true);
        run.start(created);
    }

    /** The provisioning run, once started. */
    public ProvisioningViewModel run() {
        return run;
    }
}
