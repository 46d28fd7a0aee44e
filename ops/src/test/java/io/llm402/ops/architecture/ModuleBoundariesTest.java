package io.llm402.ops.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * DESIGN §2's arrows, checked on the compiled classes of every module: a wrong import fails the build.
 * (Maven's module dependencies already stop most wrong imports at compile time; these rules also cover the
 * {@code api}-only access between modules and between bounded contexts.)
 */
@AnalyzeClasses(packages = "io.llm402", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final String DOMAIN_PUBLIC_API = "io.llm402.domain..api..";
    private static final String DOMAIN_SHARED = "io.llm402.domain.shared..";

    @ArchTest
    static final ArchRule domainDependsOnNoOtherModule = noClasses()
            .that().resideInAPackage("io.llm402.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.llm402.projections..", "io.llm402.gateway..", "io.llm402.console..", "io.llm402.ops..");

    @ArchTest
    static final ArchRule domainHasNoWebJdbcOrHazelcast = noClasses()
            .that().resideInAPackage("io.llm402.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.jdbc..", "jakarta.servlet..", "java.sql..",
                    "com.hazelcast..", "org.springframework.boot..");

    @ArchTest
    static final ArchRule projectionsUseOnlyTheDomainsPublicMessages = noClasses()
            .that().resideInAPackage("io.llm402.projections..")
            .should().dependOnClassesThat(domainInternals())
            .orShould().dependOnClassesThat().resideInAnyPackage(
                    "io.llm402.gateway..", "io.llm402.console..", "io.llm402.ops..", "org.springframework.web..");

    @ArchTest
    static final ArchRule gatewayUsesOnlyPublicApis = noClasses()
            .that().resideInAPackage("io.llm402.gateway..")
            .should().dependOnClassesThat(domainInternals())
            .orShould().dependOnClassesThat(projectionInternals())
            .orShould().dependOnClassesThat().resideInAnyPackage("io.llm402.console..", "io.llm402.ops..");

    /** The x402 protocol code is a small module of its own: formats, EIP-712, the facilitator client. */
    @ArchTest
    static final ArchRule x402ProtocolStandsAlone = noClasses()
            .that().resideInAPackage("io.llm402.gateway.x402..")
            .should().dependOnClassesThat(resideInAnyPackage("io.llm402..", "org.springframework..",
                    "org.axonframework..", "jakarta.servlet..").and(not(resideInAPackage("io.llm402.gateway.x402.."))))
            .as("x402 protocol classes depend on nothing of the gateway, Spring or Axon")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule consoleUsesOnlyPublicApis = noClasses()
            .that().resideInAPackage("io.llm402.console..")
            .should().dependOnClassesThat(domainInternals())
            .orShould().dependOnClassesThat(projectionInternals())
            .orShould().dependOnClassesThat().resideInAnyPackage("io.llm402.gateway..", "io.llm402.ops..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule opsWiresButDoesNotReachIntoInternals = noClasses()
            .that().resideInAPackage("io.llm402.ops..")
            .should().dependOnClassesThat(domainInternals());

    @ArchTest
    static final ArchRule contextsTalkOnlyThroughEachOthersApi = noClasses()
            .that().resideInAPackage("io.llm402.domain..")
            .should(dependOnAnotherContextsInternals());

    /*
     * Maven already refuses cycles between modules; inside a module only these rules do, package by package (a
     * sub-package is a slice of its own). The gateway's leaf packages (wire: SSE, JSON bodies, errors per client
     * format; metering; upstream) are imported by the orchestrating relay and never import it back.
     */
    @ArchTest
    static final ArchRule gatewayPackagesHaveNoCycles =
            slices().matching("io.llm402.gateway.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainPackagesHaveNoCycles =
            slices().matching("io.llm402.domain.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule projectionPackagesHaveNoCycles =
            slices().matching("io.llm402.projections.(**)").should().beFreeOfCycles();

    /** Aggregates and decision classes: everything in domain except {@code api} and {@code shared}. */
    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> domainInternals() {
        return resideInAPackage("io.llm402.domain..")
                .and(not(resideInAnyPackage(DOMAIN_PUBLIC_API, DOMAIN_SHARED)))
                .as("domain internals (outside api and shared packages)");
    }

    /** Projection classes and their tables; only {@code api} (queries and views) is public. */
    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> projectionInternals() {
        return resideInAPackage("io.llm402.projections..")
                .and(not(resideInAPackage("io.llm402.projections..api..")))
                .as("projection internals (outside api packages)");
    }

    private static ArchCondition<JavaClass> dependOnAnotherContextsInternals() {
        return new ArchCondition<>("depend on another bounded context's internals") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String context = contextOf(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String targetContext = contextOf(target);
                    boolean internal = target.startsWith("io.llm402.domain.") && !target.contains(".api")
                            && !target.startsWith("io.llm402.domain.shared");
                    if (internal && !targetContext.equals(context)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static String contextOf(String packageName) {
        String rest = packageName.startsWith("io.llm402.domain.")
                ? packageName.substring("io.llm402.domain.".length()) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
