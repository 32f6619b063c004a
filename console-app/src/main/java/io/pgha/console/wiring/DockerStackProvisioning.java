package io.pgha.console.wiring;

import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.ProvisioningEvent;
import io.pgha.console.service.ProvisioningRun;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.service.StackProvisioning;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.provision.CreatedByRun;
import io.pgha.runtime.provision.DownResult;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.PublishedAddress;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The wizard's provisioning over the runtime's {@link StackProvisioner} ({@code pgha up}): the request becomes a
 * {@link StackSpec}, the provisioner's progress becomes the wizard's steps and log, and cancel removes what
 * the run created, and only that (never a stack, volumes or credentials that existed before it).
 */
final class DockerStackProvisioning implements StackProvisioning {

    /** How the wizard asks for a bind address beyond loopback. */
    static final String HOW_TO_EXPOSE = "tick \"Publish on other addresses\"";

    private final ClusterRegistry registry;
    private final Supplier<StackProvisioner> provisioners;
    private final PortProbe bindable;

    DockerStackProvisioning(ClusterRegistry registry, Supplier<StackProvisioner> provisioners) {
        this(registry, provisioners, DockerStackProvisioning::bindable);
    }

    /** @param bindable whether a port can be bound on an address now (tests: independent of this machine's ports) */
    DockerStackProvisioning(ClusterRegistry registry, Supplier<StackProvisioner> provisioners, PortProbe bindable) {
        this.registry = registry;
        this.provisioners = provisioners;
        this.bindable = bindable;
    }

    interface PortProbe {
        boolean bindable(String address, int port);
    }

    /** The default spec with a free name and free ports: it binds sockets, so call it off the FX thread. */
    @Override
    public NewClusterRequest defaults() {
        StackSpec d = StackSpec.defaults();
        StackPorts p = FreeStackDefaults.ports(d, registry, port -> bindable.bindable(d.bindAddress(), port));
        return new NewClusterRequest(
                FreeStackDefaults.name(d.name(), registry),
                d.nodes(),
                d.etcdMembers(),
                d.images().id(),
                d.bindAddress(),
                false,
                new NewClusterRequest.Ports(
                        p.write(), p.read(), p.stats(), p.patroni(), p.etcd(), p.exporter(), p.prometheus()),
                new NewClusterRequest.PatroniTiming(
                        d.patroni().ttl(), d.patroni().loopWait(), d.patroni().retryTimeout()));
    }

    /** The spec's own validation, the name against the registry, and whether the ports can be bound now. */
    @Override
    public List<SpecProblem> check(NewClusterRequest request) {
        List<SpecProblem> problems = new ArrayList<>();
        StackSpec spec;
        try {
            spec = spec(request);
        } catch (PghaException e) {
            return List.of(new SpecProblem(SpecProblem.GENERAL, e.getMessage()));
        }
        PublishedAddress.refusal(spec.bindAddress(), request.expose(), HOW_TO_EXPOSE)
                .ifPresent(refusal -> problems.add(new SpecProblem(SpecProblem.BIND, refusal)));
        problems.addAll(NewStackProblems.of(
                registry,
                spec,
                bindable,
                "already exists: open it from the sidebar, or choose another name",
                "stop what uses it or choose another port"));
        return problems;
    }

    @Override
    public ProvisioningRun start(NewClusterRequest request, Consumer<ProvisioningEvent> events) {
        StackSpec spec = spec(request);
        PublishedAddress.check(spec, request.expose(), HOW_TO_EXPOSE);
        Run run = new Run(spec, events);
        Thread thread = Thread.ofPlatform().name("pgha-provisioning").daemon().unstarted(run::up);
        run.thread = thread;
        thread.start();
        return run;
    }

    static StackSpec spec(NewClusterRequest r) {
        NewClusterRequest.Ports p = r.ports();
        PatroniTuning d = PatroniTuning.DEFAULTS;
        return StackSpec.builder()
                .name(r.name())
                .nodes(r.postgresNodes())
                .etcdMembers(r.etcdMembers())
                .images(ImageProfile.parse(r.imageProfile()))
                .bindAddress(r.bindAddress())
                .ports(new StackPorts(
                        p.write(),
                        p.read(),
                        p.stats(),
                        p.patroniBase(),
                        p.etcdBase(),
                        p.exporterBase(),
                        p.prometheus()))
                .patroni(new PatroniTuning(
                        r.timing().ttl(),
                        r.timing().loopWait(),
                        r.timing().retryTimeout(),
                        d.synchronousMode(),
                        d.synchronousNodeCount(),
                        d.maximumLagOnFailover(),
                        d.primaryStartTimeout()))
                .build();
    }

    /** The runtime's progress as the wizard shows it: a started and a finished event per step, lines in between. */
    static ProvisioningEvent translate(ProgressEvent e) {
        Instant now = Instant.now();
        return switch (e.status()) {
            case STARTED -> new ProvisioningEvent.StepStarted(now, e.step(), e.title());
            case PROGRESS -> new ProvisioningEvent.Log(now, e.step(), e.message());
            case DONE -> new ProvisioningEvent.StepFinished(now, e.step(), true, e.message());
            case SKIPPED -> new ProvisioningEvent.StepFinished(now, e.step(), true, "nothing to do: " + e.message());
            case FAILED -> new ProvisioningEvent.StepFinished(now, e.step(), false, e.message());
        };
    }

    static boolean bindable(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One run of {@code up} on its own thread. Cancelling it, while it runs or after it failed, removes what this run
     * created and nothing else: a stack, volumes or credentials that were there before stay.
     */
    private final class Run implements ProvisioningRun {
        private final StackSpec spec;
        private final Consumer<ProvisioningEvent> events;
        private final CreatedByRun made = new CreatedByRun();
        private final Object lock = new Object();
        private boolean cancelled;
        private boolean failed;
        private volatile Thread thread;

        Run(StackSpec spec, Consumer<ProvisioningEvent> events) {
            this.spec = spec;
            this.events = events;
        }

        void up() {
            try (StackProvisioner provisioner = provisioners.get()) {
                try {
                    provisioner.up(spec, e -> events.accept(translate(e)), made);
                    synchronized (lock) {
                        if (!cancelled) {
                            events.accept(new ProvisioningEvent.Done(Instant.now(), spec.name()));
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    synchronized (lock) {
                        if (!cancelled) {
                            failed = true;
                            events.accept(new ProvisioningEvent.Failed(
                                    Instant.now(),
                                    e.getMessage() + ". Cancel provisioning removes what this run created"));
                            return;
                        }
                    }
                }
                Thread.interrupted(); // the interrupt was ours; clean up without it
                removeCreated(provisioner);
            } catch (RuntimeException e) {
                cleanupFailed(e);
            }
        }

        private void removeCreated(StackProvisioner provisioner) {
            DownResult result = provisioner.removeCreated(spec.name(), made, e -> events.accept(translate(e)));
            Instant now = Instant.now();
            events.accept(new ProvisioningEvent.Log(
                    now,
                    "cleanup",
                    result.removed().isEmpty()
                            ? "this run created nothing to remove"
                            : "removed "
                                    + String.join(
                                            ", ",
                                            result.removed().stream().sorted().toList())));
            if (!result.kept().isEmpty()) {
                events.accept(new ProvisioningEvent.Log(
                        now, "cleanup", "kept what existed before this run: " + String.join(", ", result.kept())));
            }
            events.accept(new ProvisioningEvent.Cancelled(now));
        }

        private void cleanupFailed(RuntimeException e) {
            events.accept(new ProvisioningEvent.Failed(
                    Instant.now(),
                    "cancelled, but removing what this run created failed: " + e.getMessage()
                            + "; see what is left with: docker ps -a --filter label=io.pgha.stack=" + spec.name()));
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                if (!failed) {
                    Thread t = thread;
                    if (t != null) {
                        t.interrupt();
                    }
                    return;
                }
            }
            // the run failed earlier: remove what it created now, on a thread of its own
            Thread.ofPlatform().name("pgha-provisioning-cleanup").daemon().start(() -> {
                try (StackProvisioner provisioner = provisioners.get()) {
                    removeCreated(provisioner);
                } catch (RuntimeException e) {
                    cleanupFailed(e);
                }
            });
        }
    }
}
