package com.bindflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.bindflow.binding.BindingRepository;
import com.bindflow.binding.BindingSteps;
import com.bindflow.binding.otp.OtpChallengeRepository;
import com.bindflow.shared.DueWork;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package rules of README's architecture section, on the production classes (compiled code, so references by
 * simple name, fully qualified names and nested types all count, not only imports).
 */
@AnalyzeClasses(packages = "com.bindflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Capabilities (the packages right under com.bindflow) depend on each other in one direction only. */
    @ArchTest
    static final ArchRule noCyclesBetweenCapabilities = slices().matching("com.bindflow.(*)..")
            .namingSlices("$1").should().beFreeOfCycles();

    /** Nor do any two packages, sub-packages included (binding and binding.otp, sandbox and sandbox.wechat, ...). */
    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("com.bindflow.(**)")
            .namingSlices("$1").should().beFreeOfCycles();

    /** Sandbox code depends on production code, never the reverse. */
    @ArchTest
    static final ArchRule productionNeverDependsOnTheSandbox = noClasses()
            .that().resideOutsideOfPackage("com.bindflow.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("com.bindflow.sandbox..")
            .because("the sandbox lives apart: production packages hold ports and production adapters only");

    /**
     * Only binding writes binding tables: the repositories of the binding tables (binding, binding_open,
     * binding_status_history, idempotency_key, otp_challenge) are used inside binding only; everybody else goes
     * through binding's services, its step API or a port (BindingTablesTest checks the SQL side).
     */
    @ArchTest
    static final ArchRule onlyBindingUsesTheBindingRepositories = noClasses()
            .that().resideOutsideOfPackage("com.bindflow.binding..")
            .should().dependOnClassesThat().belongToAnyOf(BindingRepository.class, OtpChallengeRepository.class);

    /** The binding step API (status lock, record writes, message correlation) is binding's own: its steps use it. */
    @ArchTest
    static final ArchRule theBindingStepApiStaysInBinding = noClasses()
            .that().resideOutsideOfPackage("com.bindflow.binding..")
            .should().dependOnClassesThat().belongToAnyOf(BindingSteps.class);

    /** Payments ask binding through their CustomerBindings port, and never read binding's classes. */
    @ArchTest
    static final ArchRule paymentsAskBindingThroughAPort = noClasses()
            .that().resideInAPackage("com.bindflow.payment..")
            .should().dependOnClassesThat().resideInAPackage("com.bindflow.binding..");

    /** An answer is built by a view component, never by calling another controller. */
    @ArchTest
    static final ArchRule controllersDoNotDependOnControllers = classes()
            .that().areAnnotatedWith(RestController.class)
            .should(notDependOnAnotherController());

    /** verification holds the ports to the SMS gateway and the face-recognition provider, nothing else. */
    @ArchTest
    static final ArchRule verificationHoldsPortsOnly = classes()
            .that().resideInAPackage("com.bindflow.verification").and().areTopLevelClasses()
            .should().beInterfaces();

    /** One delegate style: a class per delegate, a Spring bean named in the BPMN's delegateExpression. */
    @ArchTest
    static final ArchRule delegatesAreClasses = classes()
            .that().implement(JavaDelegate.class)
            .should().beAnnotatedWith(Component.class).andShould().haveSimpleNameEndingWith("Delegate");

    @ArchTest
    static final ArchRule noDelegateBeanMethods = noMethods()
            .that().areAnnotatedWith(Bean.class)
            .should().haveRawReturnType(JavaDelegate.class);

    /** The test clock runs what is due through production's DueWork, not by knowing WeChat. */
    @ArchTest
    static final ArchRule theTestClockKnowsNoWeChat = noClasses()
            .that().resideInAPackage("com.bindflow.sandbox.clock..")
            .should().dependOnClassesThat().resideInAnyPackage("com.bindflow.wechat..", "com.bindflow.sandbox.wechat..")
            .because("it reaches the work it runs through " + DueWork.class.getSimpleName());

    /** Alibaba Cloud's SDK is used by its adapters only (SMS and face, identity, and what they share). */
    @ArchTest
    static final ArchRule onlyTheAlibabaCloudAdaptersUseItsSdk = noClasses()
            .that().resideOutsideOfPackages("com.bindflow.shared.aliyun..", "com.bindflow.verification.aliyun..",
                    "com.bindflow.identity.aliyun..")
            .should().dependOnClassesThat().resideInAPackage("com.aliyun..");

    /** WeChat Pay's SDK: its production adapter, the notification pipeline and keys, and the sandbox WeChat only. */
    @ArchTest
    static final ArchRule onlyWeChatCodeUsesWeChatPaysSdk = noClasses()
            .that().resideOutsideOfPackages("com.bindflow.wechat..", "com.bindflow.sandbox.wechat..")
            .should().dependOnClassesThat().resideInAPackage("com.wechat.pay..");

    /** Retries and circuit breakers are OutsideCalls' (and the test payment's settling poll), not each adapter's own. */
    @ArchTest
    static final ArchRule resilienceLivesInOutsideCalls = noClasses()
            .that().resideOutsideOfPackages("com.bindflow.shared", "com.bindflow.wechat.api")
            .should().dependOnClassesThat().resideInAPackage("io.github.resilience4j..");

    /** The production adapters never depend on each other's packages, nor does anything but Spring wire them. */
    @ArchTest
    static final ArchRule nothingUsesAProductionAdapterDirectly = noClasses()
            .that().resideOutsideOfPackages("com.bindflow.wechat.api..", "com.bindflow.verification.aliyun..",
                    "com.bindflow.identity.aliyun..", "com.bindflow.credit.jdfinance..")
            .should().dependOnClassesThat().resideInAnyPackage("com.bindflow.wechat.api..",
                    "com.bindflow.verification.aliyun..", "com.bindflow.identity.aliyun..", "com.bindflow.credit.jdfinance..")
            .because("the domain calls the ports; an adapter is chosen by configuration (prod or sandbox)");

    private static ArchCondition<JavaClass> notDependOnAnotherController() {
        return new ArchCondition<>("not depend on another controller") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                controller.getDirectDependenciesFromSelf().stream()
                        .filter(d -> !d.getTargetClass().equals(controller))
                        .filter(d -> d.getTargetClass().isAnnotatedWith(RestController.class))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription())));
            }
        };
    }
}
