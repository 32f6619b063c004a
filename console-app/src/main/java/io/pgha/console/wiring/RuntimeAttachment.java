package io.pgha.console.wiring;

import io.pgha.console.service.AttachForm;
import io.pgha.console.service.ClusterAttachment;
import io.pgha.runtime.attach.AttachRequest;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.usecase.AttachCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Attach dialog over the runtime's {@link AttachCluster}, the same use case as {@code pgha attach}. */
final class RuntimeAttachment implements ClusterAttachment {

    private final AttachCluster attach;

    RuntimeAttachment(ClusterRegistry registry) {
        this.attach = new AttachCluster(registry);
    }

    @Override
    public ClusterConnection attach(AttachForm form) {
        Map<String, String> named = new LinkedHashMap<>();
        List<String> unnamed = new ArrayList<>();
        form.patroniUrls().forEach((name, url) -> {
            if (name.equals(url)) {
                unnamed.add(url);
            } else {
                named.put(name, url);
            }
        });
        AttachRequest request = new AttachRequest(
                form.name(),
                Optional.of(form.scope()).filter(s -> !s.isBlank()),
                form.etcdEndpoints(),
                etcdAuth(form),
                named,
                unnamed,
                Optional.empty(),
                Optional.empty(),
                true,
                java.util.Optional.empty());
        return attach.attach(request, false, Optional.empty()).connection();
    }

    private static Optional<EtcdAuth> etcdAuth(AttachForm form) {
        if (form.etcdUser().isEmpty()
                && form.etcdPassword().isEmpty()
                && form.etcdCaFile().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EtcdAuth(
                form.etcdUser(), form.etcdPassword(), form.etcdCaFile(), Optional.empty(), Optional.empty()));
    }
}
