package facet.testkit;

import facet.engine.spi.Alarm;
import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic {@link ExecutionBackend} behind a {@link Simulation}.
 *
 * <p>Every strand is a real (virtual) thread, but only the holder of a single baton runs. Every
 * SPI call but the plain ones ({@link #newLatch()}, {@link Strand#stackTrace()}, names) is a
 * scheduling point: its effect is applied, then the {@link Schedule}
 * picks which runnable strand holds the baton next. Time is virtual: when no strand can run,
 * the clock jumps to the earliest deadline, and everything due then becomes runnable (what runs
 * first is a choice too). An alarm scheduled for a time already reached becomes runnable at
 * the next scheduling point, and races the strands that run, as on a real clock. An interrupt is recorded and delivered when its strand next holds the
 * baton, or wakes it from a wait: a thread waiting for the baton is never disturbed.
 *
 * <p>The state is guarded by {@link #lock}, held only briefly by the baton holder (and by the
 * watchdog, to read). Nothing here iterates a hash-ordered collection: strands are kept in fork
 * order, alarms by deadline then scheduling order, so one schedule gives one run.
 */
final class SimulatedBackend implements ExecutionBackend {

    /** Frames of each strand's stack in a report: its own code's, enough to see who waits. */
    private static final int STACK_FRAMES_SHOWN = 8;

    /** Virtual time starts here (one second), so that no deadline computes to zero. */
    static final long EPOCH = 1_000_000_000L;

    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final ThreadLocal<@Nullable SimStrand> CURRENT = new ThreadLocal<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Schedule schedule;
    private final long stepBudget;
    private final long timeBudget;
    private final List<Integer> choices = new ArrayList<>();
    private final List<SimStrand> live = new ArrayList<>();
    private final List<SimStrand> runnable = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong((Timer timer) -> timer.deadline).thenComparingLong(t -> t.order));
    private final CountDownLatch finished = new CountDownLatch(1);

    private long now = EPOCH;
    private long steps;
    private int strandIds;
    private int latchIds;
    private long timerOrder;
    private boolean mainDone;
    private @Nullable SimulationException failure;
    private volatile boolean over;
    private volatile @Nullable SimStrand holder;
    private volatile long heldSince;

    SimulatedBackend(Schedule schedule, long stepBudget, long timeBudget) {
        this.schedule = schedule;
        this.stepBudget = stepBudget;
        this.timeBudget = timeBudget;
    }

    // ------------------------------------------------------------------ the SPI

    @Override
    public String name() {
        return "deterministic";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Strand fork(String name, Runnable body) {
        SimStrand me = current();
        SimStrand forked;
        lock.lock();
        try {
            checkOver();
            forked = newStrand(name, me.name, body);
        } finally {
            lock.unlock();
        }
        point(me);
        return forked;
    }

    @Override
    public Alarm schedule(long deadline, Runnable action) {
        SimStrand me = current();
        Timer timer;
        lock.lock();
        try {
            checkOver();
            timer = new Timer(deadline, timerOrder++, action);
            timers.add(timer);
        } finally {
            lock.unlock();
        }
        point(me);
        return () -> cancel(timer);
    }

    private void cancel(Timer timer) {
        SimStrand me = current();
        lock.lock();
        try {
            checkOver();
            timers.remove(timer);
        } finally {
            lock.unlock();
        }
        point(me);
    }

    @Override
    public long nanoTime() {
        SimStrand me = current();
        point(me);
        return timestamp();
    }

    /**
     * A scheduling point and nothing more, where the engine runs code of its own that no backend
     * call marks but whose timing races others (a crash logged at ERROR as a failed start
     * returns); off the strands of this simulation it does nothing.
     */
    void schedulingPoint() {
        SimStrand me = CURRENT.get();
        if (me != null) {
            point(me);
        }
    }

    /** The virtual time, read without a scheduling point: it measures, it decides nothing. */
    @Override
    public long timestamp() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The virtual clock: {@link Instant#EPOCH} plus the virtual time passed, read as
     * {@link #nanoTime()} is.
     */
    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(nanoTime() - EPOCH);
    }

    @Override
    public Latch newLatch() {
        return locked(() -> new SimLatch(latchIds++, strandName()));
    }

    // ------------------------------------------------------------------ for Simulation

    /** Runs {@code body} as the first strand; returns once nothing can run any more. */
    void runMain(Runnable body, long watchdogNanos) throws InterruptedException {
        SimStrand main;
        lock.lock();
        try {
            main = newStrand("main", "the test", body);
            holder = main;
            heldSince = System.nanoTime();
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(main.thread);
        Watchdog.watch(this, watchdogNanos);
        finished.await();
        tearDown();
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    /**
     * Fails the run although a strand cannot be made to end (it is blocked outside the
     * backend): the caller stops waiting for it.
     */
    void failAbandoning(SimulationException problem) {
        fail(problem);
        finished.countDown();
    }

    /** The virtual time: a plain read, no scheduling point (for journals and reports). */
    long currentTime() {
        return locked(() -> now);
    }

    @Nullable SimulationException failure() {
        return locked(() -> failure);
    }

    List<Integer> choices() {
        return locked(() -> List.copyOf(choices));
    }

    long steps() {
        return locked(() -> steps);
    }

    /** A read of the state, under the lock: no scheduling point. */
    private <T extends @Nullable Object> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** The strand the calling thread runs, if it is one of a simulation. */
    static @Nullable SimStrand currentStrand() {
        return CURRENT.get();
    }

    /** Virtual sleep of the current strand: a wait on a latch that never opens. */
    @Override
    public void sleep(long nanos) throws InterruptedException {
        SimStrand me = current();
        long deadline;
        lock.lock();
        try {
            deadline = saturatedAdd(now, nanos);
        } finally {
            lock.unlock();
        }
        new SimLatch(-1, me.name).await(deadline);
    }

    /** Waits until interrupted, or until the run is over: a latch nobody opens. */
    void waitForever() throws InterruptedException {
        new SimLatch(-2, current().name).await();
    }

    /** The watchdog's view: the baton holder, if it has held it longer than {@code nanos}. */
    @Nullable SimStrand holderFor(long nanos) {
        SimStrand current = holder;
        return current != null && System.nanoTime() - heldSince > nanos ? current : null;
    }

    /** Ends the run with {@code problem}: every strand is let go, to end by SimulationOver. */
    void fail(SimulationException problem) {
        lock.lock();
        try {
            if (failure == null) {
                failure = problem;
            }
            stop();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ strands

    /** A strand: one thread, which runs only while it holds the baton. */
    final class SimStrand implements Strand {
        final int id;
        final String name;
        final String forkedBy;
        final Thread thread;
        boolean blocked;
        @Nullable SimLatch waitingOn;
        long waitDeadline = NO_DEADLINE;
        Wake wake = Wake.NONE;
        boolean pendingInterrupt;

        SimStrand(int id, String name, String forkedBy, Runnable body) {
            this.id = id;
            this.name = name;
            this.forkedBy = forkedBy;
            this.thread = Thread.ofVirtual().name(name)
                    .uncaughtExceptionHandler(SimulatedBackend.this::uncaught)
                    .unstarted(() -> main(this, body));
        }

        SimulatedBackend backend() {
            return SimulatedBackend.this;
        }

        /** What it runs now: an engine worker renames its thread for each hook or task. */
        String current() {
            return thread.getName();
        }

        @Override
        public void interrupt() {
            SimulatedBackend.this.interrupt(this);
        }

        @Override
        public StackTraceElement[] stackTrace() {
            return thread.getStackTrace();
        }

        String describe() {
            SimLatch latch = waitingOn;
            String waits = latch == null ? "runnable"
                    : "waits for " + latch + (waitDeadline == NO_DEADLINE ? ""
                            : " or virtual time " + ReadableDuration.of(waitDeadline - EPOCH));
            return current() + " (forked by " + forkedBy + "): " + waits + whereItWaits();
        }

        /**
         * The frames of the code that waits, below the simulation's own: where a report's reader
         * looks first. The JDK's and the backend's frames on top say only "parked".
         */
        private String whereItWaits() {
            StackTraceElement[] stack = thread.getStackTrace();
            int first = 0;
            while (first < stack.length && isMachinery(stack[first])) {
                first++;
            }
            var lines = new StringBuilder();
            int shown = Math.min(stack.length, first + STACK_FRAMES_SHOWN);
            for (int frame = first; frame < shown; frame++) {
                lines.append("\n      at ").append(stack[frame]);
            }
            if (shown < stack.length) {
                lines.append("\n      ... ").append(stack.length - shown).append(" more");
            }
            return lines.toString();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Why a blocked strand was made runnable again. */
    enum Wake { NONE, OPENED, DEADLINE, INTERRUPTED }

    private SimStrand newStrand(String name, String forkedBy, Runnable body) {
        var strand = new SimStrand(strandIds++, name, forkedBy, body);
        live.add(strand);
        runnable.add(strand); // ids grow: fork order is kept by appending
        strand.thread.start(); // it waits for the baton at once
        return strand;
    }

    private void main(SimStrand me, Runnable body) {
        CURRENT.set(me);
        try {
            awaitBaton(me);
            resumed(me);
            body.run();
        } catch (SimulationOver torn) {
            // the run is over: this strand just ends
        } catch (Throwable thrown) {
            fail(SimulationException.strandFailed(me.name, thrown, this));
        } finally {
            ended(me);
        }
    }

    /**
     * What escapes a strand's body: the end of the run unwinding code that caught it once (the
     * engine reports what a hook threw, and may meet the end again), or a real failure.
     */
    private void uncaught(Thread thread, Throwable thrown) {
        if (!(thrown instanceof SimulationOver)) {
            fail(SimulationException.strandFailed(thread.getName(), thrown, this));
        }
    }

    private void ended(SimStrand me) {
        SimStrand next = null;
        lock.lock();
        try {
            live.remove(me);
            runnable.remove(me);
            if (me.id == 0) {
                mainDone = true;
            }
            if (over) {
                if (live.isEmpty()) {
                    finished.countDown();
                }
                return;
            }
            steps++;
            next = pick();
            handTo(next);
        } catch (SimulationOver failed) {
            next = null; // the failure is recorded; the others are let go already
        } finally {
            lock.unlock();
        }
        if (next != null) {
            LockSupport.unpark(next.thread);
        }
    }

    private SimStrand current() {
        SimStrand me = CURRENT.get();
        if (me == null) {
            throw new IllegalStateException("a simulated backend was called from "
                    + Thread.currentThread() + ", which is not one of its strands: every call"
                    + " into a simulation must happen inside Simulation.run");
        }
        return me;
    }

    private String strandName() {
        SimStrand me = CURRENT.get();
        return me == null ? Thread.currentThread().getName() : me.current();
    }

    // ------------------------------------------------------------------ the baton

    /** A scheduling point of the holder {@code me}: the schedule may hand the baton on. */
    private void point(SimStrand me) {
        SimStrand next;
        lock.lock();
        try {
            checkOver();
            countStep();
            next = pick();
            handTo(next);
        } finally {
            lock.unlock();
        }
        switchTo(me, next);
    }

    private void handTo(@Nullable SimStrand next) {
        holder = next;
        heldSince = System.nanoTime();
    }

    private void switchTo(SimStrand me, @Nullable SimStrand next) {
        if (next != me) {
            if (next != null) {
                LockSupport.unpark(next.thread);
            }
            awaitBaton(me);
        }
        resumed(me);
    }

    /**
     * Parks until {@code me} holds the baton, or the run is over. A real interrupt of the thread
     * meanwhile is kept for later: it must not break this wait.
     */
    private void awaitBaton(SimStrand me) {
        boolean interrupted = false;
        while (holder != me && !over) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            me.pendingInterrupt = true;
        }
    }

    private void resumed(SimStrand me) {
        if (over) {
            throw new SimulationOver();
        }
        if (me.pendingInterrupt) {
            me.pendingInterrupt = false;
            Thread.currentThread().interrupt();
        }
    }

    private void checkOver() {
        if (over) {
            throw new SimulationOver();
        }
    }

    private void countStep() {
        if (++steps > stepBudget) {
            failWhileLocked(SimulationException.livelock(
                    "more than " + stepBudget + " scheduling points", this));
        }
    }

    /**
     * The next holder: one of the runnable strands, chosen by the schedule. When none can run,
     * time jumps to the next deadline; when nothing is due ever, the run is finished (the main
     * strand returned) or deadlocked. {@code null} once the run is over.
     */
    private @Nullable SimStrand pick() {
        startDueAlarms(); // an alarm due now races what can run, as on a real clock
        while (runnable.isEmpty()) {
            if (over) {
                return null;
            }
            long next = nextDeadline();
            if (next == NO_DEADLINE) {
                if (mainDone) {
                    stop(); // what is left waits for nothing that can come
                } else {
                    failWhileLocked(SimulationException.deadlock(describeLive(), this));
                }
                return null;
            }
            if (next - EPOCH > timeBudget) {
                failWhileLocked(SimulationException.livelock(
                        "virtual time past " + ReadableDuration.of(timeBudget), this));
                return null;
            }
            now = Math.max(now, next);
            for (SimStrand strand : live) {
                if (strand.blocked && strand.waitDeadline <= now) {
                    wake(strand, Wake.DEADLINE);
                }
            }
            startDueAlarms();
        }
        int index = 0;
        if (runnable.size() > 1) {
            index = schedule.choose(runnable.size());
            if (index < 0 || index >= runnable.size()) {
                throw new IllegalStateException(
                        "schedule chose " + index + " of " + runnable.size() + " options");
            }
            choices.add(index);
        }
        return runnable.get(index);
    }

    /** Every alarm due by now becomes a runnable strand. */
    private void startDueAlarms() {
        for (Timer due = timers.peek(); due != null && due.deadline <= now; due = timers.peek()) {
            timers.poll();
            newStrand("facet-alarm", "the clock", due.action);
        }
    }

    private long nextDeadline() {
        long next = NO_DEADLINE;
        Timer timer = timers.peek();
        if (timer != null) {
            next = timer.deadline;
        }
        for (SimStrand strand : live) {
            if (strand.blocked) {
                next = Math.min(next, strand.waitDeadline);
            }
        }
        return next;
    }

    private void block(SimStrand me, SimLatch latch, long deadline) {
        me.blocked = true;
        me.waitingOn = latch;
        me.waitDeadline = deadline;
        me.wake = Wake.NONE;
        runnable.remove(me);
        latch.waiters.add(me);
    }

    private void wake(SimStrand strand, Wake why) {
        SimLatch latch = strand.waitingOn;
        if (latch != null) {
            latch.waiters.remove(strand);
        }
        strand.blocked = false;
        strand.waitingOn = null;
        strand.waitDeadline = NO_DEADLINE;
        strand.wake = why;
        insertRunnable(strand);
    }

    private void insertRunnable(SimStrand strand) {
        int at = runnable.size();
        while (at > 0 && runnable.get(at - 1).id > strand.id) {
            at--;
        }
        runnable.add(at, strand);
    }

    private void interrupt(SimStrand target) {
        SimStrand me = current();
        SimStrand next;
        lock.lock();
        try {
            checkOver();
            countStep();
            if (target.blocked) {
                wake(target, Wake.INTERRUPTED);
            } else if (live.contains(target)) {
                target.pendingInterrupt = true; // delivered when it next holds the baton
            }
            next = pick();
            handTo(next);
        } finally {
            lock.unlock();
        }
        switchTo(me, next);
    }

    private void failWhileLocked(SimulationException problem) {
        if (failure == null) {
            failure = problem;
        }
        stop();
        throw new SimulationOver();
    }

    /** The run is over: every strand leaves its wait and ends. */
    private void stop() {
        if (over) {
            return;
        }
        over = true;
        holder = null;
        for (SimStrand strand : live) {
            LockSupport.unpark(strand.thread);
        }
        if (live.isEmpty()) {
            finished.countDown();
        }
    }

    private void tearDown() {
        lock.lock();
        try {
            stop();
        } finally {
            lock.unlock();
        }
    }

    String describeLive() {
        var lines = new StringBuilder();
        for (SimStrand strand : live) {
            lines.append("\n  ").append(strand.describe());
        }
        return lines.toString();
    }

    String describeTime() {
        return "after " + steps + " scheduling points, at virtual time "
                + ReadableDuration.of(now - EPOCH);
    }

    private static long saturatedAdd(long base, long nanos) {
        long sum = base + nanos;
        return ((base ^ sum) & (nanos ^ sum)) < 0 ? NO_DEADLINE : sum;
    }

    /** A frame of the JDK or of this backend: how a strand waits, not where. */
    private static boolean isMachinery(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith(SimulatedBackend.class.getName());
    }

    // ------------------------------------------------------------------ latches and timers

    /** A latch of the simulation: waiting on it is blocking the strand in the scheduler. */
    final class SimLatch implements Latch {
        final int id;
        final String madeBy;
        final List<SimStrand> waiters = new ArrayList<>();
        boolean open;

        SimLatch(int id, String madeBy) {
            this.id = id;
            this.madeBy = madeBy;
        }

        @Override
        public void open() {
            SimStrand me = current();
            SimStrand next;
            lock.lock();
            try {
                checkOver();
                countStep();
                if (!open) {
                    open = true;
                    for (SimStrand waiter : List.copyOf(waiters)) {
                        wake(waiter, Wake.OPENED);
                    }
                }
                next = pick();
                handTo(next);
            } finally {
                lock.unlock();
            }
            switchTo(me, next);
        }

        @Override
        public void await() throws InterruptedException {
            await(NO_DEADLINE);
        }

        @Override
        public boolean await(long deadline) throws InterruptedException {
            SimStrand me = current();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            SimStrand next;
            lock.lock();
            try {
                checkOver();
                countStep();
                if (!open && deadline > now) {
                    block(me, this, deadline);
                }
                next = pick();
                handTo(next);
            } finally {
                lock.unlock();
            }
            switchTo(me, next);
            lock.lock();
            try {
                Wake why = me.wake;
                me.wake = Wake.NONE;
                if (why == Wake.INTERRUPTED) {
                    Thread.interrupted(); // the exception is the interrupt: the status is clear
                    throw new InterruptedException();
                }
                return open;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return switch (id) {
                case -1 -> "the end of a sleep";
                case -2 -> "an interrupt (it waits forever)";
                default -> "latch #" + id + " (made by " + madeBy + ")";
            };
        }
    }

    /** An alarm: an action that runs on a strand of its own once the clock reaches it. */
    private record Timer(long deadline, long order, Runnable action) {}
}
