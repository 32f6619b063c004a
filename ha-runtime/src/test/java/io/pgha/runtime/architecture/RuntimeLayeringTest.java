package io.pgha.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ha-runtime's layering: no JavaFX ever; each third-party client library behind exactly one adapter package. */
class RuntimeLayeringTest {

    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pgha.runtime");
    }

    @Test
    void neverImportsJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .allowEmptyShould(true).check(runtime);
    }

    @Test
    void onlyTheDockerPackageUsesDockerJava() {
        noClasses().that().resideOutsideOfPackage("io.pgha.runtime.docker..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
                .allowEmptyShould(true).check(runtime);
    }

    @Test
    void onlyTheDcsPackageUsesJetcd() {
        noClasses().that().resideOutsideOfPackage("io.pgha.runtime.dcs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.etcd.jetcd..")
                .allowEmptyShould(true).check(runtime);
    }

    @Test
    void onlyThePostgresPackageUsesJdbc() {
        noClasses().that().resideOutsideOfPackage("io.pgha.runtime.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..")
                .allowEmptyShould(true).check(runtime);
    }

    @Test
    void theModelDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("io.pgha.runtime.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pgha.runtime.docker..", "io.pgha.runtime.dcs..",
                        "io.pgha.runtime.patroni..", "io.pgha.runtime.router..", "io.pgha.runtime.postgres..",
                        "io.pgha.runtime.monitor..", "io.pgha.runtime.ops..", "io.pgha.runtime.cli..")
                .allowEmptyShould(true).check(runtime);
    }
}
