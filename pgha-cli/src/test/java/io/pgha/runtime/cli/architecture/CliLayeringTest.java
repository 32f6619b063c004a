package io.pgha.runtime.cli.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a front door only: picocli commands that translate arguments and render results, on ha-runtime's use cases
 * and adapters. It speaks no protocol itself (the rules ha-runtime's RuntimeLayeringTest keeps for its adapters hold
 * here too) and logs through slf4j, configured by pgha-logging.
 */
class CliLayeringTest {

    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pgha.runtime.cli", "io.pgha.runtime.bench");
    }

    @Test
    void onlyTheCommandsUsePicocli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pgha.runtime.cli")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..")
                .allowEmptyShould(true)
                .check(cli);
    }

    @Test
    void talksToNoExternalSystemItself() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.github.dockerjava..",
                        "io.etcd.jetcd..",
                        "java.net.http..",
                        "java.sql..",
                        "org.postgresql..",
                        "javafx..")
                .because("Docker, etcd, Patroni, HAProxy and PostgreSQL are ha-runtime's adapters' business")
                .check(cli);
    }

    @Test
    void makesNoJsonMapperAndParsesNoPatroniAnswer() {
        noClasses()
                .should()
                .callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
                .orShould()
                .callMethodWhere(target(name("readTree")).and(target(owner(assignableTo(ObjectMapper.class)))))
                .because(
                        "JSON is configured once (io.pgha.runtime.json.Json) and Patroni's answers are parsed in io.pgha.runtime.patroni")
                .check(cli);
    }

    @Test
    void logsThroughSlf4jOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ch.qos.logback..")
                .because("logback is configured by pgha-logging's logback.xml, never in code")
                .check(cli);
    }
}
