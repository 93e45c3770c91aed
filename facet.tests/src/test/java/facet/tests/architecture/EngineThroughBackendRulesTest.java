package facet.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaConstructorReference;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * R13: every fork, join, wait, sleep and clock read of the engine goes through the
 * ExecutionBackend, so the deterministic testkit backend controls every interleaving and all
 * time.
 *
 * <p>The rules cover every package of the engine but {@code facet.engine.spi} (with nested
 * classes and lambdas): {@code SystemTimeBackend} there is a base class of backends, which are
 * what own real threads and the system clock. Calls and method or
 * constructor references ({@code Thread::sleep}) count alike.
 *
 * <p>Beyond the calls R13 names, each rule also bans the JDK's other ways to do the same thing
 * (a {@code CountDownLatch} instead of {@code wait}, an {@code Instant.now()} instead of
 * {@code System.nanoTime()}, a {@code CompletableFuture.supplyAsync} instead of a thread). The
 * engine's own {@code ReentrantLock} is not banned: it guards bookkeeping only, never held
 * across user code or a backend call.
 */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class EngineThroughBackendRulesTest {

    private static final String[] ENGINE = ProductionClasses.ENGINE_INTERNALS;

    /**
     * The one class of the engine that may call {@code new Thread(...)}: a JVM shutdown hook must
     * be an unstarted {@link Thread}, which no backend strand is. Exempt from that call, and from
     * the join of the threads the shutdown told, in its {@code giveTimeToEnd} only.
     */
    private static final String SHUTDOWN_HOOK = "facet.engine.ShutdownHook";

    /**
     * Where {@code Facet.sleep} and {@code Facet.clock()} are answered: on an engine's strand
     * through its backend, off every strand with the system's time, which is the application's
     * and not the engine's. Exempt in its {@code sleep} and {@code instant} only.
     */
    private static final String FACET_PROVIDER = "facet.engine.EngineFacetProvider";

    /**
     * The future the engine returns from {@code onExit()} and {@code startAsync()}: its
     * {@code get} and {@code join} are the caller's waits, not the engine's; on an engine's own
     * strand they wait through the backend before they call the inherited ones.
     */
    private static final String STRAND_FUTURE = "facet.engine.lifecycle.StrandFuture";

    @Test
    void engineNeverSleepsWaitsOrParks() {
        assertThat(ProductionClasses.get().contain(FACET_PROVIDER)).isTrue();
        var blocking = anyOf(List.of(
                access("Thread.sleep/join (but the application's own sleep, off every strand,"
                                + " and the JVM hook's join of the threads it told)",
                        access -> isA(access, Thread.class) && named(access, "sleep", "join")
                                && !isTheApplicationsOwnTime(access)
                                && !isShutdownHookJoiningTheTold(access)),
                access("Object.wait", EngineThroughBackendRulesTest::isWait),
                access("LockSupport.park*",
                        access -> is(access, LockSupport.class)
                                && access.getName().startsWith("park")),
                access("TimeUnit.sleep/timedWait/timedJoin",
                        access -> is(access, TimeUnit.class)
                                && named(access, "sleep", "timedWait", "timedJoin")),
                access("CountDownLatch.await",
                        access -> isA(access, CountDownLatch.class) && named(access, "await")),
                access("Condition.await*",
                        access -> isA(access, Condition.class)
                                && access.getName().startsWith("await"))));
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().accessTargetWhere(blocking)
                .because("R13: the engine waits only on backend Latches, so the deterministic"
                        + " backend sees every wait and decides when it ends")
                .check(ProductionClasses.get());
    }

    @Test
    void engineNeverBlocksOnAFuture() {
        assertThat(ProductionClasses.get().contain(STRAND_FUTURE)).isTrue();
        var joining = anyOf(List.of(
                access("Future.get (but a caller's, in " + STRAND_FUTURE + ")",
                        access -> isA(access, Future.class) && named(access, "get")
                                && !isACallersWait(access)),
                access("CompletableFuture.join (but a caller's, in " + STRAND_FUTURE + ")",
                        access -> isA(access, CompletableFuture.class) && named(access, "join")
                                && !isACallersWait(access)),
                access("ForkJoinTask.join",
                        access -> isA(access, ForkJoinTask.class) && named(access, "join"))));
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().accessTargetWhere(joining)
                .because("R13: a join is a wait; the engine waits only on backend Latches, so"
                        + " the deterministic backend sees every wait and decides when it ends")
                .check(ProductionClasses.get());
    }

    @Test
    void engineNeverStartsThreadsOrExecutorsItself() {
        assertThat(ProductionClasses.get().contain(SHUTDOWN_HOOK))
                .as("the class exempt from the rule below exists; else drop the exemption")
                .isTrue();
        var forking = anyOf(List.of(
                access("new Thread (but in " + SHUTDOWN_HOOK + ")",
                        access -> isConstructor(access) && isA(access, Thread.class)
                                && !isShutdownHookMakingItsThread(access)),
                access("Thread.ofPlatform/ofVirtual/startVirtualThread",
                        access -> isA(access, Thread.class)
                                && named(access, "ofPlatform", "ofVirtual", "startVirtualThread")),
                access("Thread.Builder.*", access -> isA(access, Thread.Builder.class)),
                access("Executors.*", access -> is(access, Executors.class)),
                access("new Executor or Timer",
                        access -> isConstructor(access)
                                && (isA(access, Executor.class) || isA(access, Timer.class))),
                access("ForkJoinPool.commonPool",
                        access -> is(access, ForkJoinPool.class) && named(access, "commonPool")),
                access("CompletableFuture.*Async without an executor",
                        access -> isA(access, CompletableFuture.class)
                                && access.getName().endsWith("Async")
                                && !takesAnExecutor(access)),
                access("CompletableFuture.delayedExecutor/orTimeout/completeOnTimeout",
                        access -> isA(access, CompletableFuture.class)
                                && named(access, "delayedExecutor", "orTimeout",
                                        "completeOnTimeout"))));
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().accessTargetWhere(forking)
                .because("R13: every strand of the engine is forked by the backend, so the"
                        + " deterministic backend runs it and decides when; the one exemption is"
                        + " " + SHUTDOWN_HOOK + "'s new Thread, since a JVM shutdown hook must be"
                        + " an unstarted Thread, which no backend strand is")
                .check(ProductionClasses.get());
    }

    @Test
    void engineNeverReadsTheSystemClock() {
        var clock = anyOf(List.of(
                access("System.nanoTime/currentTimeMillis",
                        access -> is(access, System.class)
                                && named(access, "nanoTime", "currentTimeMillis")),
                access("java.time's now() (but the application's own time, off every strand)",
                        access -> owner(access).getPackageName().equals("java.time")
                                && named(access, "now") && !isTheApplicationsOwnTime(access)),
                access("Clock/InstantSource.*", access -> isA(access, InstantSource.class))));
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().accessTargetWhere(clock)
                .because("R13: the engine reads the time only from ExecutionBackend.nanoTime(),"
                        + " so the deterministic backend's virtual clock is all the time there is")
                .check(ProductionClasses.get());
    }

    @Test
    void noRuntimeModuleEverExitsTheJvm() {
        var exit = anyOf(List.of(
                access("System.exit", access -> is(access, System.class)
                        && named(access, "exit")),
                access("Runtime.exit", access -> isA(access, Runtime.class)
                        && named(access, "exit"))));
        noClasses().that().resideInAnyPackage("facet.api..", "facet.engine..",
                        "facet.executor..")
                .should().accessTargetWhere(exit)
                .because("R8: the shutdown hook never calls System.exit (from a hook it would"
                        + " block forever); only a second Ctrl-C ends the process, with"
                        + " Runtime.halt, which runs no more hooks")
                .check(ProductionClasses.get());
    }

    // ------------------------------------------------------------------ predicates

    /** A call or reference of a method or constructor that matches {@code test}. */
    private static DescribedPredicate<JavaAccess<?>> access(String description,
            Predicate<JavaAccess<?>> test) {
        return DescribedPredicate.describe(description,
                access -> access instanceof JavaCodeUnitAccess<?> && test.test(access));
    }

    private static DescribedPredicate<JavaAccess<?>> anyOf(
            List<DescribedPredicate<JavaAccess<?>>> banned) {
        var names = banned.stream().map(DescribedPredicate::getDescription).toList();
        return DescribedPredicate.<JavaAccess<?>>or(banned)
                .as("it is one of: " + String.join(", ", names));
    }

    private static JavaClass owner(JavaAccess<?> access) {
        return access.getTargetOwner();
    }

    private static boolean is(JavaAccess<?> access, Class<?> type) {
        return owner(access).isEquivalentTo(type);
    }

    private static boolean isA(JavaAccess<?> access, Class<?> type) {
        return owner(access).isAssignableTo(type);
    }

    private static boolean named(JavaAccess<?> access, String... names) {
        return Set.of(names).contains(access.getName());
    }

    private static boolean isConstructor(JavaAccess<?> access) {
        return access instanceof JavaConstructorCall || access instanceof JavaConstructorReference;
    }

    /** {@code Object.wait()}, {@code wait(long)}, {@code wait(long, int)}, on any receiver. */
    private static boolean isWait(JavaAccess<?> access) {
        if (!named(access, "wait")
                || !(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target)) {
            return false;
        }
        List<String> parameters =
                target.getRawParameterTypes().stream().map(JavaClass::getName).toList();
        return parameters.isEmpty() || parameters.equals(List.of("long"))
                || parameters.equals(List.of("long", "int"));
    }

    private static boolean takesAnExecutor(JavaAccess<?> access) {
        return access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target
                && target.getRawParameterTypes().stream()
                        .anyMatch(type -> type.isAssignableTo(Executor.class));
    }

    /** The exemption: {@code Facet.sleep} and {@code Facet.clock()} off every engine's strand. */
    private static boolean isTheApplicationsOwnTime(JavaAccess<?> access) {
        return access.getOriginOwner().getName().equals(FACET_PROVIDER)
                && List.of("sleep", "instant").contains(access.getOrigin().getName());
    }

    /** The exemption: the inherited waits a caller's {@code get} or {@code join} ends in. */
    private static boolean isACallersWait(JavaAccess<?> access) {
        return access.getOriginOwner().getName().equals(STRAND_FUTURE);
    }

    /**
     * The exemption: the JVM's hook thread, which no backend runs, joining the application's
     * threads it told of the shutdown, which no backend runs either, so that their code after
     * {@code run()} runs before the JVM halts.
     */
    private static boolean isShutdownHookJoiningTheTold(JavaAccess<?> access) {
        return access.getOriginOwner().getName().equals(SHUTDOWN_HOOK)
                && access.getOrigin().getName().equals("giveTimeToEnd")
                && named(access, "join");
    }

    /** The exemption: {@code new Thread(...)} itself, not a subclass, in the shutdown hook. */
    private static boolean isShutdownHookMakingItsThread(JavaAccess<?> access) {
        return access.getOriginOwner().getName().equals(SHUTDOWN_HOOK) && is(access, Thread.class);
    }
}
