package io.vieweratlas.runners.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layer rules of the hexagon, checked on the production classes of every module: dependencies
 * point inward (runners → adapters → core), core holds no I/O library, adapters stay apart, and no
 * two packages depend on each other in a cycle.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // only our modules' classes and jars: scanning every library jar for the package costs seconds
                .withImportOption(location -> location.contains("vieweratlas-"))
                .importPackages("io.vieweratlas");
    }

    @Test
    void everyModuleIsImported() {
        // a rule over no classes passes whatever it says: make sure each layer is really there
        for (String pkg : new String[]{"io.vieweratlas.core.service", "io.vieweratlas.lake",
                "io.vieweratlas.filesystem", "io.vieweratlas.s3", "io.vieweratlas.twitch", "io.vieweratlas.parquet",
                "io.vieweratlas.export", "io.vieweratlas.runners.cli"}) {
            if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no classes of " + pkg + " on the test class path");
            }
        }
    }

    @Test
    void noPackageCycles() {
        // each package is its own slice, so sub-packages may not cycle with their parent either
        slices().matching("io.vieweratlas.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreIsTheDomain() {
        ArchRule rule = classes().that().resideInAPackage("io.vieweratlas.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.vieweratlas.core..", "java..", "javax.annotation..", "javax.crypto..",
                        // the libraries the design allows in core: graphs, maths, community detection, logging API
                        "org.jgrapht..", "org.apache.commons.math3..", "nl.cwts..", "org.slf4j..")
                .because("core is the domain: no adapter, runner or I/O library");
        rule.check(classes);
    }

    @Test
    void adaptersNeverImportRunners() {
        noClasses().that().resideInAnyPackage("io.vieweratlas.lake..", "io.vieweratlas.filesystem..",
                        "io.vieweratlas.s3..", "io.vieweratlas.twitch..", "io.vieweratlas.parquet..",
                        "io.vieweratlas.export..")
                .should().dependOnClassesThat().resideInAPackage("io.vieweratlas.runners..")
                .check(classes);
    }

    @Test
    void adaptersStayApart() {
        // The lake module is the lake's format (keys and codecs), which the Parquet buckets share;
        // it opens a directory on the file-system store for embedders. Nothing else crosses.
        rule("io.vieweratlas.lake..", "io.vieweratlas.s3..", "io.vieweratlas.twitch..", "io.vieweratlas.parquet..",
                "io.vieweratlas.export..");
        rule("io.vieweratlas.filesystem..", "io.vieweratlas.lake..", "io.vieweratlas.s3..", "io.vieweratlas.twitch..",
                "io.vieweratlas.parquet..", "io.vieweratlas.export..");
        rule("io.vieweratlas.s3..", "io.vieweratlas.lake..", "io.vieweratlas.filesystem..", "io.vieweratlas.twitch..",
                "io.vieweratlas.parquet..", "io.vieweratlas.export..");
        rule("io.vieweratlas.twitch..", "io.vieweratlas.lake..", "io.vieweratlas.filesystem..", "io.vieweratlas.s3..",
                "io.vieweratlas.parquet..", "io.vieweratlas.export..");
        rule("io.vieweratlas.parquet..", "io.vieweratlas.filesystem..", "io.vieweratlas.s3..",
                "io.vieweratlas.twitch..", "io.vieweratlas.export..");
        rule("io.vieweratlas.export..", "io.vieweratlas.lake..", "io.vieweratlas.filesystem..", "io.vieweratlas.s3..",
                "io.vieweratlas.twitch..", "io.vieweratlas.parquet..");
    }

    private static void rule(String adapter, String... others) {
        noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAnyPackage(others)
                .check(classes);
    }

    @Test
    void theEnvironmentIsReadInOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName("io.vieweratlas.runners.ProcessEnvironment")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("every variable the program consults is found from ProcessEnvironment.variables()")
                .check(classes);
    }

    @Test
    void portsAreInterfacesOrValues() {
        classes().that().resideInAnyPackage("io.vieweratlas.core.port.in", "io.vieweratlas.core.port.out")
                .and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should().beInterfaces().orShould().beRecords()
                .because("a port is a contract: use cases, their requests and results, outgoing interfaces")
                .check(classes);
    }
}
