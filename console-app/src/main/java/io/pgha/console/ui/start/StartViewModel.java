package io.pgha.console.ui.start;

import io.pgha.console.service.DockerCheck;
import io.pgha.console.service.DockerStatus;
import io.pgha.console.ui.common.UiExecutors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The start screen, shown while no cluster is open: creating needs the local Docker engine, attaching
 * does not, so an unreachable engine disables only "Create" and says how to fix it.
 */
public final class StartViewModel {

    private final DockerCheck docker;
    private final UiExecutors executors;
    private final ReadOnlyBooleanWrapper dockerReachable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper dockerMessage = new ReadOnlyStringWrapper("checking the Docker engine …");
    private final ReadOnlyStringWrapper dockerFix = new ReadOnlyStringWrapper("");

    public StartViewModel(DockerCheck docker, UiExecutors executors) {
        this.docker = docker;
        this.executors = executors;
    }

    public void checkDocker() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        executors.supply(
                docker::status,
                this::show,
                failure -> show(new DockerStatus(false, String.valueOf(failure.getMessage()), "")));
    }

    private void show(DockerStatus status) {
        checking.set(false);
        dockerReachable.set(status.reachable());
        dockerMessage.set(
                status.reachable()
                        ? "Docker engine " + status.detail() + " is ready."
                        : "The Docker engine is not reachable: " + status.detail());
        dockerFix.set(
                status.reachable() ? "" : status.howToFix() + " Attaching to an existing cluster works without it.");
    }

    public ReadOnlyBooleanProperty dockerReachableProperty() {
        return dockerReachable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dockerMessageProperty() {
        return dockerMessage.getReadOnlyProperty();
    }

    /** What to do when the engine is unreachable; empty when it is fine. */
    public ReadOnlyStringProperty dockerFixProperty() {
        return dockerFix.getReadOnlyProperty();
    }
}
