package io.pgha.console.ui.attach;

import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import io.pgha.console.ui.common.FormRows;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Attach to a cluster pgha did not create. The dialog stays open while attaching and when it fails, with
 * the reason, so the user can correct the endpoint; the rest of the console stays usable meanwhile.
 */
public final class AttachDialog extends Dialog<ButtonType> {

    public AttachDialog(AttachViewModel viewModel, Window owner, Consumer<String> attached) {
        initOwner(owner);
        setTitle("Attach to a cluster");
        setHeaderText("Attach to an existing Patroni cluster");
        getDialogPane().setId("attach-dialog");
        AppStyles.apply(getDialogPane());
        TextField name = new TextField();
        name.setId("attach-name");
        name.setPromptText("e.g. billing");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextField scope = new TextField();
        scope.setId("attach-scope");
        scope.setPromptText("Patroni scope, e.g. pg-ha");
        scope.textProperty().bindBidirectional(viewModel.scopeProperty());
        ToggleGroup modes = new ToggleGroup();
        RadioButton etcd = new RadioButton("etcd endpoints + scope");
        etcd.setId("attach-mode-etcd");
        etcd.setToggleGroup(modes);
        etcd.setUserData(AttachViewModel.Mode.ETCD);
        RadioButton patroni = new RadioButton("Patroni REST URLs");
        patroni.setId("attach-mode-patroni");
        patroni.setToggleGroup(modes);
        patroni.setUserData(AttachViewModel.Mode.PATRONI);
        modes.selectToggle(viewModel.modeProperty().get() == AttachViewModel.Mode.ETCD ? etcd : patroni);
        modes.selectedToggleProperty()
                .addListener((o, a, t) -> viewModel.modeProperty().set((AttachViewModel.Mode) t.getUserData()));
        TextField endpoints = new TextField();
        endpoints.setId("attach-endpoints");
        endpoints.setPromptText("comma-separated, e.g. http://127.0.0.1:23791");
        endpoints.textProperty().bindBidirectional(viewModel.etcdEndpointsProperty());
        endpoints.disableProperty().bind(patroni.selectedProperty());
        TextField etcdUser = new TextField();
        etcdUser.setId("attach-etcd-user");
        etcdUser.setPromptText("when etcd has authentication on");
        etcdUser.textProperty().bindBidirectional(viewModel.etcdUserProperty());
        etcdUser.disableProperty().bind(patroni.selectedProperty());
        PasswordField etcdPassword = new PasswordField();
        etcdPassword.setId("attach-etcd-password");
        etcdPassword.textProperty().bindBidirectional(viewModel.etcdPasswordProperty());
        etcdPassword.disableProperty().bind(patroni.selectedProperty());
        TextField etcdCa = new TextField();
        etcdCa.setId("attach-etcd-ca");
        etcdCa.setPromptText("CA certificate (PEM file) when etcd uses TLS");
        etcdCa.textProperty().bindBidirectional(viewModel.etcdCaFileProperty());
        etcdCa.disableProperty().bind(patroni.selectedProperty());
        TextArea urls = new TextArea();
        urls.setId("attach-patroni-urls");
        // a prompt text loses its line breaks, which ran the example's URLs together: the example is a label
        urls.setPromptText("one member per line: NAME=URL");
        urls.setPrefRowCount(3);
        urls.textProperty().bindBidirectional(viewModel.patroniUrlsProperty());
        urls.disableProperty().bind(etcd.selectedProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(4);
        int row = FormRows.add(form, 0, "Name in pgha", name, viewModel.nameErrorProperty());
        form.add(new HBox(16, etcd, patroni), 1, row++);
        row = FormRows.add(form, row, "Scope", scope, viewModel.scopeErrorProperty());
        row = FormRows.add(form, row, "etcd endpoints", endpoints, viewModel.endpointsErrorProperty());
        form.add(new Label("etcd user"), 0, row);
        form.add(etcdUser, 1, row++);
        form.add(new Label("etcd password"), 0, row);
        form.add(etcdPassword, 1, row++);
        form.add(new Label("etcd CA file"), 0, row);
        form.add(etcdCa, 1, row++);
        form.add(new Label("Patroni URLs"), 0, row);
        form.add(urls, 1, row++);
        Label example = new Label("e.g.  pg-0=http://127.0.0.1:8008\n         pg-1=http://127.0.0.1:8009");
        example.setId("attach-patroni-example");
        example.getStyleClass().add("muted");
        form.add(example, 1, row);
        endpoints.setPrefColumnCount(34);

        Label failure = FormRows.errorLabel(viewModel.failureProperty());
        failure.setId("attach-failure");
        failure.getStyleClass().add("failure-box");
        failure.setMaxWidth(520);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(viewModel.busyProperty());
        getDialogPane().setContent(new VBox(10, form, failure, progress));
        DialogFit.keep(this);

        ButtonType attach = new ButtonType("Attach", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(attach, ButtonType.CANCEL);
        Button attachButton = (Button) getDialogPane().lookupButton(attach);
        attachButton.setId("attach-confirm");
        attachButton.disableProperty().bind(viewModel.validProperty().not().or(viewModel.busyProperty()));
        attachButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.attach(clusterName -> {
                setResult(attach);
                close();
                attached.accept(clusterName);
            });
        });
    }
}
