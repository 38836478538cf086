package cn.mediation.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module rules of the README's tour and of each module's README, kept by the build. */
@AnalyzeClasses(packages = "cn.mediation",
        importOptions = {ImportOption.DoNotIncludeTests.class, ModuleRulesTest.NoTestJars.class})
class ModuleRulesTest {

    @ArchTest
    static final ArchRule coreHasNoSpring = noClasses().that().resideInAPackage("cn.mediation.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("core is the domain's language: Axon, Jackson and the MongoDB driver only, no Spring Boot");

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = noClasses().that().resideInAPackage("cn.mediation.core..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("cn.mediation.command..", "cn.mediation.query..", "cn.mediation.app..");

    @ArchTest
    static final ArchRule storeDependsOnNoOtherModule = noClasses().that().resideInAPackage("cn.mediation.store..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("cn.mediation.core..", "cn.mediation.command..", "cn.mediation.query..",
                                "cn.mediation.app..", "org.springframework..", "com.mongodb..")
            .because("the store lies below the MongoDB wire protocol: it knows mongo-java-server and its engines only");

    @ArchTest
    static final ArchRule onlyTheAppOpensTheStore = noClasses()
            .that().resideInAnyPackage("cn.mediation.core..", "cn.mediation.command..", "cn.mediation.query..")
            .should().dependOnClassesThat().resideInAPackage("cn.mediation.store..")
            .because("the modules talk MongoDB through the driver; only the application starts the embedded store");

    @ArchTest
    static final ArchRule readSideNeverDependsOnWriteSide = noClasses().that().resideInAPackage("cn.mediation.query..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.mediation.command..", "cn.mediation.app..")
            .because("events are the only thing the write side and the read side share");

    @ArchTest
    static final ArchRule writeSideNeverDependsOnReadSide = noClasses().that().resideInAPackage("cn.mediation.command..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.mediation.query..", "cn.mediation.app..");

    @ArchTest
    static final ArchRule controllersDoNotTouchCollections = noClasses()
            .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
            .because("web controllers go through services and read models, never straight to MongoDB collections");

    @ArchTest
    static final ArchRule aggregatesHaveNoClockOrRandomness = noClasses()
            .that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.util.UUID.class, "randomUUID")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .because("the time and the IDs come in on the command, so replays are exact");

    @ArchTest
    static final ArchRule securityLivesInOnePlace = noClasses()
            .that().resideOutsideOfPackage("cn.mediation.app.security..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..")
            .because("the modules learn who acts only through the Caller the application hands them");

    @ArchTest
    static final ArchRule noActorFromRequestHeaders = noClasses()
            .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.servlet.http.HttpServletRequest")
            .because("the actor and the scope come from the login (a Caller argument), never from the request");

    @ArchTest
    static final ArchRule packagesWithoutCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("cn.mediation.(**)").should().beFreeOfCycles()
            .because("each layer leans on the ones below it: the web turns requests into commands, the application "
                     + "never sees web types, and no two packages need each other");

    /** Leaves out the modules' test jars (core's test helpers open the store for its tests, as they should). */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
