package io.pgha.runtime.provision;

import io.pgha.runtime.cluster.EtcdPasswords;
import io.pgha.runtime.dcs.EtcdAccessControl;
import io.pgha.runtime.dcs.EtcdAccessPolicy;
import io.pgha.runtime.provision.Steps.Outcome;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step "etcd-auth" of {@code pgha up}: once etcd has quorum and before Patroni starts, etcd gets the users and roles of
 * {@link EtcdAccessPolicy#forScope} with the stack's stored passwords, then authentication on (docs/decisions/0019).
 * Asked through the published client ports over TLS, trusting the cluster CA. A second run finds everything in place and
 * changes nothing.
 */
final class EtcdBootstrap {

    /** Patroni's namespace in every stack pgha makes (the local image's entrypoint and Spilo's default). */
    static final String NAMESPACE = "/service/";

    private static final Duration CALL = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 3;

    private EtcdBootstrap() {}

    /**
     * Readies the etcd client in the background while the containers are made and etcd forms its quorum, so that the
     * step itself is only etcd's calls.
     */
    static void warmUpInBackground(List<String> endpoints, Optional<String> caFile) {
        Thread.ofVirtual()
                .name("pgha-etcd-warm-up")
                .start(() -> EtcdAccessControl.withCa(endpoints, caFile, CALL).warmUp());
    }

    static Outcome<Boolean> ensure(StackSpec spec, List<String> endpoints, Optional<String> caFile, EtcdPasswords p) {
        EtcdAccessPolicy policy = EtcdAccessPolicy.forScope(NAMESPACE, spec.scope());
        EtcdAccessControl.Result r = applyWithRetries(policy, endpoints, caFile, p);
        String users = "users " + String.join(", ", policy.userNames());
        if (!r.changed()) {
            return Outcome.skipped(false, users + " in place, authentication on");
        }
        return Outcome.done(
                true,
                users + ": " + r.changes().size() + " changes"
                        + (r.authenticationWasOn() ? "" : ", authentication turned on"));
    }

    /**
     * The policy applied; an etcd call that runs out of its deadline (a loaded machine: a busy etcd answers a login
     * late) is tried again, up to {@link #ATTEMPTS} times in all: applying it is idempotent.
     */
    private static EtcdAccessControl.Result applyWithRetries(
            EtcdAccessPolicy policy, List<String> endpoints, Optional<String> caFile, EtcdPasswords p) {
        for (int attempt = 1; ; attempt++) {
            try {
                return EtcdAccessControl.withCa(endpoints, caFile, CALL).apply(policy, passwords(p));
            } catch (io.pgha.runtime.PghaException e) {
                if (e.kind() != io.pgha.runtime.PghaException.Kind.TIMEOUT || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    static Map<String, String> passwords(EtcdPasswords p) {
        return Map.of(
                EtcdAccessPolicy.ROOT, p.root(),
                EtcdAccessPolicy.PATRONI, p.patroni(),
                EtcdAccessPolicy.SUPERVISOR, p.supervisor(),
                EtcdAccessPolicy.PGHA, p.pgha());
    }
}
