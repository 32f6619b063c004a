package io.pgha.console.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.pgha.console.service.ClusterAction;
import io.pgha.runtime.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's MVVM layering (docs/decisions/0008-console-architecture.md). */
class ConsoleLayeringTest {

    private static JavaClasses console;

    @BeforeAll
    static void importConsole() {
        console = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pgha.console");
    }

    @Test
    void theConsoleUsesOnlyTheRuntimesApi() {
        noClasses()
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are ha-runtime's but not its API (io.pgha.runtime.Api)",
                        c -> c.getPackageName().startsWith("io.pgha.runtime") && !isRuntimeApi(c)))
                .because("the rest of ha-runtime is public for its own packages and changes with them")
                .check(console);
    }

    /** In a package marked {@link Api}, or marked itself (or a type it is nested in). */
    private static boolean isRuntimeApi(JavaClass c) {
        Class<?> type = c.getBaseComponentType().reflect();
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (t.isAnnotationPresent(Api.class)) {
                return true;
            }
        }
        return type.getPackage() != null && type.getPackage().isAnnotationPresent(Api.class);
    }

    @Test
    void uiCodeNeverUsesTheRuntimesClientLibraries() {
        noClasses()
                .that()
                .resideInAPackage("io.pgha.console.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.etcd.jetcd..", "com.github.dockerjava..", "java.sql..", "org.postgresql..")
                .check(console);
    }

    @Test
    void onlyViewModelsReachTheRuntimeBeyondItsModel() {
        noClasses()
                .that()
                .resideInAPackage("io.pgha.console.ui..")
                .and()
                .haveSimpleNameNotEndingWith("ViewModel")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are in io.pgha.runtime outside its model",
                        c -> c.getPackageName().startsWith("io.pgha.runtime")
                                && !c.getPackageName().startsWith("io.pgha.runtime.model")))
                .check(console);
    }

    @Test
    void onlyViewModelsCallTheServicePorts() {
        noClasses()
                .that()
                .resideInAPackage("io.pgha.console.ui..")
                .and()
                .haveSimpleNameNotEndingWith("ViewModel")
                .should()
                .accessClassesThat(DescribedPredicate.describe(
                        "are service ports or the wiring",
                        c -> c.getPackageName().startsWith("io.pgha.console.wiring")
                                || c.getPackageName().startsWith("io.pgha.console.service")
                                        && c.isInterface()
                                        && !c.isAssignableTo(ClusterAction.class)))
                .check(console);
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        classes()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("javafx.scene..", "javafx.stage..", "org.controlsfx..", "atlantafx..")
                .check(console);
    }

    @Test
    void thePortsDependOnNoScreen() {
        noClasses()
                .that()
                .resideInAPackage("io.pgha.console.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.pgha.console.ui..", "io.pgha.console.wiring..", "javafx..")
                .check(console);
    }

    @Test
    void screensDoNotDependOnEachOtherInCycles() {
        SlicesRuleDefinition.slices()
                .matching("io.pgha.console.ui.(*)..")
                .should()
                .beFreeOfCycles()
                .check(console);
    }
}
