package org.qcmb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the README's "Architecture" section, checked on the compiled main classes:
 * <pre>
 * cli -> run, bench -> spark -> engine, mbe -> molecule;  run -> tables, qcschema;  report -> tables
 * engine -> qcschema -> molecule;  qcschema.manybody -> mbe;  everything -> common
 * </pre>
 */
class ArchitectureTest {
    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.qcmb");
    }

    @Test
    void pureLayersDoNotTouchSpark() {
        noClasses().that().resideInAnyPackage("org.qcmb.common..", "org.qcmb.molecule..", "org.qcmb.mbe..",
                        "org.qcmb.engine..", "org.qcmb.qcschema..", "org.qcmb.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .because("the physics and the bookkeeping are plain Java, tested without a SparkSession")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.qcmb.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.qcmb.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theCommandLineIsTheTop() {
        noClasses().that().resideOutsideOfPackage("org.qcmb.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.qcmb.cli..")
                .because("commands parse options, call a use case and print; nothing calls back up")
                .check(main);
        noClasses().that().resideInAnyPackage("org.qcmb.run..", "org.qcmb.spark..", "org.qcmb.tables..",
                        "org.qcmb.report..")
                .should().dependOnClassesThat().resideInAPackage("org.qcmb.bench..")
                .check(main);
    }

    @Test
    void theCoreKnowsNothingAboveIt() {
        noClasses().that().resideInAnyPackage("org.qcmb.molecule..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.qcmb.molecule..", "org.qcmb.common..",
                        "java..")
                .check(main);
        noClasses().that().resideInAnyPackage("org.qcmb.mbe..")
                .should().dependOnClassesThat().resideInAnyPackage("org.qcmb.engine..", "org.qcmb.qcschema..",
                        "org.qcmb.spark..", "org.qcmb.io..", "org.qcmb.run..", "org.qcmb.tables..")
                .because("the planner and the assembler know neither engines nor file formats")
                .check(main);
        noClasses().that().resideInAnyPackage("org.qcmb.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.qcmb.mbe..", "org.qcmb.qcschema.manybody..",
                        "org.qcmb.spark..", "org.qcmb.io..", "org.qcmb.run..")
                .because("an engine computes one fragment and knows nothing of the expansion")
                .check(main);
        noClasses().that().resideInAPackage("org.qcmb.qcschema")
                .should().dependOnClassesThat().resideInAnyPackage("org.qcmb.mbe..", "org.qcmb.engine..")
                .because("single-calculation documents sit below the engines")
                .check(main);
    }

    @Test
    void tablesAndReportsDoNotKnowTheRun() {
        noClasses().that().resideInAnyPackage("org.qcmb.tables..", "org.qcmb.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.qcmb.run..", "org.qcmb.notebook..")
                .check(main);
        noClasses().that().resideInAPackage("org.qcmb.report..").and().haveSimpleName("Charts")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..")
                .because("charts draw values; data access is TableData's")
                .check(main);
    }
}
