package facet.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Service;
import facet.engine.ThreadPerStrand;
import facet.engine.event.EngineEvent;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import facet.engine.work.WorkerPool;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A transition's effects: every one runs, whatever the others do, and no failure is lost. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransitionTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void everyEffectRunsTheJobsStillGoAndTheFirstFailureIsThrownWithTheRestUnderIt()
            throws Exception {
        var transition = transition(0);
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second");
        var jobRan = new CountDownLatch(1);
        var pool = new WorkerPool(new ThreadPerStrand());
        transition.after(() -> {
            ran.add("a");
            throw first;
        });
        transition.after(() -> {
            ran.add("b");
            throw second;
        });
        transition.after(() -> ran.add("c"));
        transition.fork(new Job("facet-test", Job.Kind.ENGINE, pool) {
            @Override
            protected void call() {
                jobRan.countDown();
            }

            @Override
            protected void returned(@Nullable Throwable thrown, long order,
                    @Nullable Worker reporter) {}
        });

        assertThat(catchThrowable(transition::runEffects)).isSameAs(first);

        assertThat(first.getSuppressed()).containsExactly(second);
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(jobRan.await(10, TimeUnit.SECONDS)).as("the job was handed out").isTrue();
    }

    /**
     * A transition that ran keeps none of its decisions, effects and jobs, though it may be
     * reachable still: a wide step's lists outgrow half a G1 region, and such an array, in the old
     * generation, keeps all it refers to alive through young collections (the heap after each
     * grew by 90 MB in a flat set of 100,000).
     */
    @Test
    void aTransitionThatRanKeepsNoneOfItsDecisionsEffectsNorJobs() throws Exception {
        var told = new AtomicInteger();
        var transition = new Transition(0, false, Long.MAX_VALUE,
                new EngineEvents(event -> told.incrementAndGet(), System.getLogger("facet")), null);
        var collected = new ReferenceQueue<Object>();
        var returned = new CountDownLatch(1);
        var pool = new WorkerPool(new ThreadPerStrand());
        var decision = new WeakReference<Object>(announceDecision(transition), collected);
        var effect = new WeakReference<Object>(queueEffect(transition), collected);
        var job = new WeakReference<Object>(forkJob(transition, pool, returned), collected);

        try {
            transition.runEffects();
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(told).hasValue(1);

            awaitCollected(decision, collected, "the decision");
            awaitCollected(effect, collected, "the effect");
            awaitCollected(job, collected, "the job");
        } finally {
            Reference.reachabilityFence(transition); // reachable to the end: only its lists went
        }
    }

    private static EngineEvent announceDecision(Transition transition) {
        var decision = new EngineEvent.Began(new Service() {}, EngineEvent.Hook.START);
        transition.announce(decision);
        return decision;
    }

    private Runnable queueEffect(Transition transition) {
        Runnable effect = () -> ran.add("effect");
        transition.after(effect);
        return effect;
    }

    private static Job forkJob(Transition transition, WorkerPool pool, CountDownLatch returned) {
        var job = new Job("facet-test", Job.Kind.ENGINE, pool) {
            @Override
            protected void call() {}

            @Override
            protected void returned(@Nullable Throwable thrown, long order,
                    @Nullable Worker reporter) {
                returned.countDown();
            }
        };
        transition.fork(job);
        return job;
    }

    /** Collects garbage until {@code reference} is cleared, for at most ten seconds. */
    private static void awaitCollected(WeakReference<Object> reference,
            ReferenceQueue<Object> collected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!reference.refersTo(null)) {
            assertThat(System.nanoTime()).as(what + " is still reachable").isLessThan(deadline);
            System.gc();
            var unused = collected.remove(100); // woken as soon as something is collected
        }
    }

    /**
     * Steps run first in, first out, those queued by a running step included: the first is held
     * apart from the rest, and a step queued while one runs must not overtake older ones.
     */
    @Test
    void stepsRunInTheOrderTheyWereQueuedThoseQueuedByAStepIncluded() {
        var transition = transition(0);
        transition.then(running -> {
            ran.add("a");
            running.then(next -> ran.add("d"));
            running.then(next -> {
                ran.add("e");
                next.then(last -> ran.add("g"));
            });
        });
        transition.then(running -> ran.add("b"));
        transition.then(running -> {
            ran.add("c");
            running.then(next -> ran.add("f"));
        });

        transition.drain();

        assertThat(ran).containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void aStepQueuedWhenAllRanRunsAtTheNextDrain() {
        var transition = transition(0);
        transition.then(running -> ran.add("a"));
        transition.drain();
        transition.then(running -> ran.add("b"));
        transition.then(running -> ran.add("c"));

        transition.drain();

        assertThat(ran).containsExactly("a", "b", "c");
    }

    /** A life's part queued as a step holds no transition: it is handed the one that runs it. */
    @Test
    void aStepIsHandedTheTransitionThatQueuedIt() {
        var transition = transition(0);
        var handed = new ArrayList<Transition>();
        transition.then(handed::add);
        transition.then(running -> running.then(handed::add));

        transition.drain();

        assertThat(handed).hasSize(2).allSatisfy(each -> assertThat(each).isSameAs(transition));
    }

    @Test
    void anErrorFromAnEffectIsThrownAsItIs() {
        var transition = transition(0);
        var error = new OutOfMemoryError("effect");
        transition.after(() -> {
            throw error;
        });

        assertThat(catchThrowable(transition::runEffects)).isSameAs(error);
    }

    @Test
    void aTransitionMadeWithoutTheClockRefusesToReadIt() {
        var untimed = transition(Transition.UNTIMED);

        assertThatThrownBy(untimed::now).isInstanceOf(IllegalStateException.class);
        assertThat(transition(42).now()).isEqualTo(42);
    }

    private static Transition transition(long now) {
        return new Transition(now, false, Long.MAX_VALUE, EngineEvents.SILENT, null);
    }
}
