package io.pgha.console.ui.attach;

import io.pgha.console.service.AttachForm;
import io.pgha.console.service.ClusterAttachment;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.common.Validation;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The attach form: a name, the scope and the etcd endpoints, or the Patroni URLs, validated as typed.
 * A cluster that cannot be reached leaves the form open with the runtime's reason.
 */
public final class AttachViewModel {

    /** How pgha finds the members of the cluster. */
    public enum Mode {
        ETCD,
        PATRONI
    }

    private final ClusterAttachment attachment;
    private final UiExecutors executors;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty scope = new SimpleStringProperty("");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.ETCD);
    private final StringProperty etcdEndpoints = new SimpleStringProperty("");
    private final StringProperty patroniUrls = new SimpleStringProperty("");
    private final StringProperty etcdUser = new SimpleStringProperty("");
    private final StringProperty etcdPassword = new SimpleStringProperty("");
    private final StringProperty etcdCaFile = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper scopeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endpointsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper();
    private final Set<Field> edited = EnumSet.noneOf(Field.class);
    private final BooleanBinding valid;

    public AttachViewModel(ClusterAttachment attachment, UiExecutors executors) {
        this.attachment = attachment;
        this.executors = executors;
        name.addListener((o, a, b) -> edited(Field.NAME));
        scope.addListener((o, a, b) -> edited(Field.SCOPE));
        mode.addListener((o, a, b) -> validate());
        etcdEndpoints.addListener((o, a, b) -> edited(Field.ENDPOINTS));
        patroniUrls.addListener((o, a, b) -> edited(Field.ENDPOINTS));
        etcdCaFile.addListener((o, a, b) -> validate());
        valid = Bindings.createBooleanBinding(complete::get, complete);
        validate();
    }

    /** A field's problem is shown once the user has typed in it: an empty form is not an error. */
    private enum Field {
        NAME,
        SCOPE,
        ENDPOINTS
    }

    private void edited(Field field) {
        edited.add(field);
        validate();
    }

    private void validate() {
        failure.set("");
        String nameProblem = Validation.problem(() -> ClusterRegistry.checkName(name.get()), PghaException.class);
        String s = scope.get().strip();
        String scopeProblem = mode.get() == Mode.PATRONI || (!s.isEmpty() && !s.contains("/") && !s.contains(" "))
                ? ""
                : "the Patroni scope (the DCS namespace /service/<scope>/) without '/' or spaces";
        String endpointsProblem = Validation.problem(() -> {
            if (mode.get() == Mode.ETCD) {
                Endpoints.urls(etcdEndpoints.get(), etcdScheme());
            } else {
                Endpoints.namedUrls(patroniUrls.get());
            }
        });
        complete.set(nameProblem.isEmpty() && scopeProblem.isEmpty() && endpointsProblem.isEmpty());
        nameError.set(edited.contains(Field.NAME) ? nameProblem : "");
        scopeError.set(edited.contains(Field.SCOPE) ? scopeProblem : "");
        endpointsError.set(edited.contains(Field.ENDPOINTS) ? endpointsProblem : "");
    }

    AttachForm request() {
        boolean etcd = mode.get() == Mode.ETCD;
        return new AttachForm(
                name.get().strip(),
                scope.get().strip(),
                etcd ? Endpoints.urls(etcdEndpoints.get(), etcdScheme()) : List.of(),
                etcd ? Map.of() : Endpoints.namedUrls(patroniUrls.get()),
                etcd ? given(etcdUser.get().strip()) : Optional.empty(),
                etcd ? given(etcdPassword.get()) : Optional.empty(),
                etcd ? given(etcdCaFile.get().strip()) : Optional.empty());
    }

    /** With a CA file, a bare host:port is an https endpoint. */
    private String etcdScheme() {
        return etcdCaFile.get().isBlank() ? "http" : "https";
    }

    private static Optional<String> given(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Attaches in the background; on success calls back with the cluster's name, else shows why not. */
    public void attach(Consumer<String> attached) {
        if (!valid.get() || busy.get()) {
            return;
        }
        AttachForm request = request();
        busy.set(true);
        failure.set("");
        executors.supply(
                () -> attachment.attach(request),
                (ClusterConnection c) -> {
                    busy.set(false);
                    attached.accept(c.name());
                },
                e -> {
                    busy.set(false);
                    failure.set(String.valueOf(e.getMessage()));
                });
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty scopeProperty() {
        return scope;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty etcdEndpointsProperty() {
        return etcdEndpoints;
    }

    public StringProperty patroniUrlsProperty() {
        return patroniUrls;
    }

    /** The etcd user, when etcd has authentication on. */
    public StringProperty etcdUserProperty() {
        return etcdUser;
    }

    /** Its password; kept only in memory and handed to the runtime, which stores it with the cluster. */
    public StringProperty etcdPasswordProperty() {
        return etcdPassword;
    }

    /** The CA certificate (PEM file) that signed etcd's certificates, when etcd uses TLS. */
    public StringProperty etcdCaFileProperty() {
        return etcdCaFile;
    }

    /** The name's problem, once the user has typed in it. */
    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scopeErrorProperty() {
        return scopeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endpointsErrorProperty() {
        return endpointsError.getReadOnlyProperty();
    }

    /** Why the last attempt failed, in the runtime's words; empty otherwise. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
