package io.pgha.console.ui.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.AttachForm;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.PghaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachViewModelTest {

    private final List<AttachForm> requests = new ArrayList<>();
    private final List<String> attached = new ArrayList<>();

    @Test
    void etcdEndpointsMayOmitTheSchemeAndAreCheckedAsTyped() {
        AttachViewModel viewModel = new AttachViewModel(
                r -> {
                    requests.add(r);
                    return SampleCluster.connection(r.name());
                },
                Inline.executors());
        assertThat(viewModel.validProperty().get()).isFalse();

        viewModel.nameProperty().set("billing");
        viewModel.scopeProperty().set("pg-ha");
        viewModel.etcdEndpointsProperty().set("127.0.0.1:23791, http://127.0.0.1:23792/");
        assertThat(viewModel.validProperty().get()).isTrue();

        viewModel.attach(attached::add);

        assertThat(requests)
                .containsExactly(new AttachForm(
                        "billing", "pg-ha", List.of("http://127.0.0.1:23791", "http://127.0.0.1:23792"), Map.of()));
        assertThat(attached).containsExactly("billing");
    }

    @Test
    void anEtcdWithTlsAndAUserTakesItsCaUserAndPasswordAndBareEndpointsAreHttps() {
        AttachViewModel viewModel = new AttachViewModel(
                r -> {
                    requests.add(r);
                    return SampleCluster.connection(r.name());
                },
                Inline.executors());
        viewModel.nameProperty().set("secure");
        viewModel.scopeProperty().set("pg-ha");
        viewModel.etcdEndpointsProperty().set("127.0.0.1:23791");
        viewModel.etcdUserProperty().set(" pgha ");
        viewModel.etcdPasswordProperty().set("s3cret");
        viewModel.etcdCaFileProperty().set("/home/me/.config/pgha/clusters/secure/pki/ca.crt");

        viewModel.attach(attached::add);

        assertThat(requests)
                .containsExactly(new AttachForm(
                        "secure",
                        "pg-ha",
                        List.of("https://127.0.0.1:23791"),
                        Map.of(),
                        java.util.Optional.of("pgha"),
                        java.util.Optional.of("s3cret"),
                        java.util.Optional.of("/home/me/.config/pgha/clusters/secure/pki/ca.crt")));
        assertThat(requests.getFirst().toString()).doesNotContain("s3cret");
    }

    @Test
    void aMalformedEndpointIsNamed() {
        AttachViewModel viewModel = new AttachViewModel(r -> SampleCluster.connection(r.name()), Inline.executors());
        viewModel.etcdEndpointsProperty().set("http://127.0.0.1");

        assertThat(viewModel.endpointsErrorProperty().get())
                .isEqualTo(
                        "'http://127.0.0.1' is not an http(s) URL with a host and a port, e.g. http://127.0.0.1:2379");
    }

    @Test
    void patroniUrlsNeedNoScope() {
        AttachViewModel viewModel = new AttachViewModel(
                r -> {
                    requests.add(r);
                    return SampleCluster.connection(r.name());
                },
                Inline.executors());
        viewModel.nameProperty().set("legacy");
        viewModel.modeProperty().set(AttachViewModel.Mode.PATRONI);
        viewModel.patroniUrlsProperty().set("pg-0=http://10.0.0.5:8008\nhttp://10.0.0.6:8008");

        viewModel.attach(attached::add);

        assertThat(requests.get(0).patroniUrls())
                .isEqualTo(Map.of("pg-0", "http://10.0.0.5:8008", "http://10.0.0.6:8008", "http://10.0.0.6:8008"));
    }

    @Test
    void anUnreachableClusterLeavesTheFormOpenWithTheReason() {
        AttachViewModel viewModel = new AttachViewModel(
                r -> {
                    throw PghaException.unavailable(
                            "no etcd endpoint answers: http://127.0.0.1:1 (connection refused)", null);
                },
                Inline.executors());
        viewModel.nameProperty().set("billing");
        viewModel.scopeProperty().set("pg-ha");
        viewModel.etcdEndpointsProperty().set("127.0.0.1:1");

        viewModel.attach(attached::add);

        assertThat(attached).isEmpty();
        assertThat(viewModel.failureProperty().get())
                .isEqualTo("no etcd endpoint answers: http://127.0.0.1:1 (connection refused)");
        assertThat(viewModel.busyProperty().get()).isFalse();

        viewModel.etcdEndpointsProperty().set("127.0.0.1:2379");
        assertThat(viewModel.failureProperty().get())
                .as("editing clears the old failure")
                .isEmpty();
    }
}
