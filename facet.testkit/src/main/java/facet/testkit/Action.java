package facet.testkit;

import facet.api.Facet;
import java.util.concurrent.CountDownLatch;

/**
 * What a hook or task of a {@link ScriptedService} does.
 *
 * {@snippet file=facet/testkit/ActionSnippets.java region=script}
 */
@FunctionalInterface
public interface Action {

    /**
     * Does it.
     *
     * @param service the service whose hook or task this is
     * @throws Exception whatever the script says
     */
    void run(ScriptedService service) throws Exception;

    /**
     * Returns at once.
     *
     * @return the action
     */
    static Action succeed() {
        return service -> { };
    }

    /**
     * Throws {@code failure}: the same instance every time.
     *
     * @param failure what to throw
     * @return the action
     */
    static Action fail(Throwable failure) {
        return service -> {
            if (failure instanceof Exception exception) {
                throw exception;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalArgumentException("neither an Exception nor an Error", failure);
        };
    }

    /**
     * Takes {@code duration}: virtual time in a {@link Simulation}, real time elsewhere.
     * Interruptible.
     *
     * @param duration how long
     * @return the action
     */
    static Action sleep(java.time.Duration duration) {
        return service -> Facet.sleep(duration);
    }

    /**
     * Blocks until interrupted, then throws the {@link InterruptedException}.
     *
     * @return the action
     */
    static Action hangInterruptibly() {
        return service -> {
            SimulatedBackend simulation = Simulation.backendOfCurrentThread();
            if (simulation != null) {
                simulation.waitForever();
            } else {
                new CountDownLatch(1).await();
            }
        };
    }

    /**
     * Blocks until {@code release} opens, ignoring interrupts (each recorded as
     * {@code "ignored an interrupt"}), then returns with the interrupt status set. In a
     * {@link Simulation} it blocks until the run is over, and {@code release} is not used: a
     * real latch cannot be waited for there.
     *
     * @param release what ends the hang; a test must open it so the thread ends
     * @return the action
     */
    static Action hangIgnoringInterrupts(CountDownLatch release) {
        return service -> {
            SimulatedBackend simulation = Simulation.backendOfCurrentThread();
            boolean interrupted = false;
            while (true) {
                try {
                    if (simulation != null) {
                        simulation.waitForever();
                    } else {
                        release.await();
                    }
                    break;
                } catch (InterruptedException ignored) {
                    interrupted = true;
                    service.journal().record(service.toString(), "ignored an interrupt");
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * Blocks until the end, ignoring interrupts: for a {@link Simulation}, which ends it when
     * the run is over. Elsewhere it never ends: use {@link #hangIgnoringInterrupts(
     * CountDownLatch)} there.
     *
     * @return the action
     */
    static Action hangIgnoringInterrupts() {
        return hangIgnoringInterrupts(new CountDownLatch(1));
    }

    /**
     * Counts {@code arrived} down, then blocks until {@code proceed} opens (interruptibly): a test
     * holds a hook at a known point. Real latches: not for a {@link Simulation}.
     *
     * @param arrived opened when the hook is reached
     * @param proceed what lets the hook return
     * @return the action
     */
    static Action pause(CountDownLatch arrived, CountDownLatch proceed) {
        return service -> {
            arrived.countDown();
            proceed.await();
        };
    }
}
