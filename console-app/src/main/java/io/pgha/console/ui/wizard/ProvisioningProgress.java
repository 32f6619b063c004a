package io.pgha.console.ui.wizard;

import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/** The wizard's second page: each step with its elapsed time, then the log lines. */
final class ProvisioningProgress extends VBox {

    private final Timeline ticker;

    ProvisioningProgress(ProvisioningViewModel viewModel) {
        setSpacing(8);
        setId("provisioning-progress");
        Label message = new Label();
        message.setId("provisioning-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        Label elapsed = new Label();
        elapsed.setId("provisioning-elapsed");
        elapsed.getStyleClass().add("muted");
        elapsed.textProperty().bind(viewModel.elapsedProperty());
        ListView<StepItem> steps = new ListView<>(viewModel.steps());
        steps.setId("provisioning-steps");
        steps.setPrefHeight(200);
        steps.setCellFactory(l -> new StepCell());
        ListView<String> log = new ListView<>(viewModel.log());
        log.setId("provisioning-log");
        log.getStyleClass().add("wizard-log");
        log.setPrefHeight(200);
        viewModel.log().addListener((ListChangeListener<String>)
                c -> log.scrollTo(viewModel.log().size() - 1));
        VBox.setVgrow(log, Priority.ALWAYS);
        getChildren().addAll(new HBox(10, message, elapsed), steps, log);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> viewModel.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        viewModel.stateProperty().addListener((o, a, b) -> {
            if (!viewModel.active()) {
                ticker.stop();
            }
        });
    }

    void stop() {
        ticker.stop();
    }

    private static final class StepCell extends ListCell<StepItem> {
        private final Circle dot = Tones.dot(Tone.UNKNOWN);
        private final ChangeListener<Tone> toneListener = (o, a, tone) -> Tones.apply(dot, tone);
        private StepItem shown;

        @Override
        protected void updateItem(StepItem step, boolean empty) {
            super.updateItem(step, empty);
            textProperty().unbind();
            if (shown != null) {
                shown.toneProperty().removeListener(toneListener);
                shown = null;
            }
            if (empty || step == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            shown = step;
            textProperty().bind(step.lineProperty());
            step.toneProperty().addListener(toneListener);
            Tones.apply(dot, step.toneProperty().get());
            setGraphic(dot);
        }
    }
}
