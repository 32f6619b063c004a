package io.pgha.runtime.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.supervisor.SupervisorSettings;
import java.net.http.HttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ha-runtime's layering: no JavaFX ever; each third-party client library behind exactly one adapter package. */
class RuntimeLayeringTest {

    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pgha.runtime");
    }

    @Test
    void neverImportsJavaFx() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void logsThroughSlf4jOnlyAndHasNoCommandLine() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ch.qos.logback..", "picocli..")
                .because("the applications (pgha-cli, console-app) bring the logging backend; the CLI is pgha-cli")
                .check(runtime);
    }

    @Test
    void onlyTheDockerAndSwarmPackagesUseDockerJava() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.pgha.runtime.docker..", "io.pgha.runtime.swarm..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.github.dockerjava..")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void onlyTheDcsPackageUsesJetcd() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pgha.runtime.dcs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.etcd.jetcd..")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void onlyTheHttpPackageAndTheHttpAdaptersUseJavaNetHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.pgha.runtime.http..",
                        "io.pgha.runtime.patroni..",
                        "io.pgha.runtime.router..",
                        "io.pgha.runtime.prometheus..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..")
                .because(
                        "HTTP goes through the shared clients of io.pgha.runtime.http and the Patroni, HAProxy and Prometheus adapters")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void onlyTheHttpPackageBuildsHttpClients() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pgha.runtime.http..")
                .should()
                .callMethod(HttpClient.class, "newBuilder")
                .orShould()
                .callMethod(HttpClient.class, "newHttpClient")
                .because("every HTTP call shares the clients of HttpClients (one place for deadlines, and TLS next)")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void onlyTheJsonPackageMakesMappers() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pgha.runtime.json..")
                .should()
                .callConstructorWhere(target(owner(assignableTo(com.fasterxml.jackson.databind.ObjectMapper.class))))
                .because(
                        "JSON and YAML are configured once, in io.pgha.runtime.json.Json (Java time, Optional, lenient reading)")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void patronisJsonIsReadOnlyInThePatroniPackage() {
        // dcs reads the values Patroni writes to etcd through PatroniJson; stack reads its own spec file; prometheus
        // its API's
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.pgha.runtime.patroni..",
                        "io.pgha.runtime.dcs..",
                        "io.pgha.runtime.stack..",
                        "io.pgha.runtime.prometheus..")
                .should()
                .callMethodWhere(target(name("readTree")).and(target(owner(assignableTo(ObjectMapper.class)))))
                .because(
                        "Patroni's answers (GET /cluster, /patroni, /config, …) are parsed once, in io.pgha.runtime.patroni")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void theSupervisorsDecisionsDoNoIo() {
        String decisions =
                "io\\.pgha\\.runtime\\.supervisor\\.(SupervisorDecisions|SupervisorState|SupervisorEvent|SupervisorAction"
                        + "|Heartbeat|HolderWrites|DemotedHolderDecisions)(\\$.*)?";
        classes()
                .that()
                .haveNameMatching(decisions)
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage("java.lang..", "java.util..", "java.time..")
                        .or(nameMatching(decisions))
                        .or(nameMatching("\\[L" + decisions + ";"))
                        .or(type(SupervisorSettings.class))
                        .or(type(LeaderKey.Holder.class))
                        .or(resideInAnyPackage("com.fasterxml.jackson..")
                                .and(nameMatching(".*ObjectMapper|.*JsonProcessingException")))
                        .or(type(io.pgha.runtime.json.Json.class)))
                .because(
                        "the supervisor's decisions are a pure function of its state and an event; its ports do the I/O")
                .check(runtime);
    }

    @Test
    void onlyThePostgresPackageUsesJdbc() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pgha.runtime.postgres..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.postgresql..")
                .allowEmptyShould(true)
                .check(runtime);
    }

    @Test
    void theModelDependsOnNothingElseOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.pgha.runtime.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pgha.runtime.docker..",
                        "io.pgha.runtime.dcs..",
                        "io.pgha.runtime.patroni..",
                        "io.pgha.runtime.router..",
                        "io.pgha.runtime.postgres..",
                        "io.pgha.runtime.monitor..",
                        "io.pgha.runtime.ops..",
                        "io.pgha.runtime.cli..")
                .allowEmptyShould(true)
                .check(runtime);
    }
}
