package io.pgha.console.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.pgha.console.service.ClusterAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's MVVM layering (docs/decisions/0008-console-architecture.md). */
class ConsoleLayeringTest {

    private static JavaClasses console;

    @BeforeAll
    static void importConsole() {
        console = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pgha.console");
    }

    @Test
    void uiCodeNeverUsesTheRuntimesClientLibraries() {
        noClasses().that().resideInAPackage("io.pgha.console.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("io.etcd.jetcd..", "com.github.dockerjava..", "java.sql..",
                        "org.postgresql..")
                .check(console);
    }

    @Test
    void onlyViewModelsReachTheRuntimeBeyondItsModel() {
        noClasses().that().resideInAPackage("io.pgha.console.ui..").and().haveSimpleNameNotEndingWith("ViewModel")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in io.pgha.runtime outside its model",
                        c -> c.getPackageName().startsWith("io.pgha.runtime") && !c.getPackageName().startsWith("io.pgha.runtime.model")))
                .check(console);
    }

    @Test
    void onlyViewModelsCallTheServicePorts() {
        noClasses().that().resideInAPackage("io.pgha.console.ui..").and().haveSimpleNameNotEndingWith("ViewModel")
                .should().accessClassesThat(DescribedPredicate.describe("are service ports or the wiring",
                        c -> c.getPackageName().startsWith("io.pgha.console.wiring")
                                || c.getPackageName().startsWith("io.pgha.console.service") && c.isInterface()
                                && !c.isAssignableTo(ClusterAction.class)))
                .check(console);
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "javafx.stage..", "org.controlsfx..",
                        "atlantafx..")
                .check(console);
    }

    @Test
    void thePortsDependOnNoScreen() {
        noClasses().that().resideInAPackage("io.pgha.console.service..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pgha.console.ui..", "io.pgha.console.wiring..", "javafx..")
                .check(console);
    }

    @Test
    void screensDoNotDependOnEachOtherInCycles() {
        SlicesRuleDefinition.slices().matching("io.pgha.console.ui.(*)..").should().beFreeOfCycles().check(console);
    }
}
