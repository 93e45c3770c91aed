package facet.engine;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * While the JVM shuts down, its own SIGINT handler does nothing more; this one ends the process
 * at once, with the status a SIGINT gives (130), so a second Ctrl-C cuts a slow shutdown short.
 * {@link Runtime#halt} runs no more hooks and is not {@code System.exit}.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is reached by reflection: javac
 * warns about every direct use of it, and that warning cannot be suppressed.
 */
final class SecondInterrupt implements Runnable {

    private static final int SIGINT = 2;

    /** Sets the handler: {@link #haltOnNext()}. */
    @Override
    public void run() {
        haltOnNext();
    }

    @SuppressWarnings("ReferenceEquality") // a proxy equals itself only
    static void haltOnNext() {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(),
                    new Class<?>[] {handlerType}, (proxy, method, arguments) -> {
                        switch (method.getName()) {
                            case "equals" -> {
                                return arguments != null && proxy == arguments[0];
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "toString" -> {
                                return "facet second-interrupt handler";
                            }
                            default -> { } // handle(Signal)
                        }
                        System.err.println(
                                "facet: second interrupt, exiting without waiting for the stop");
                        Runtime.getRuntime().halt(128 + SIGINT);
                        return null;
                    });
            Object interrupt = signalType.getConstructor(String.class).newInstance("INT");
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            handle.invoke(null, interrupt, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            // no jdk.unsupported, SIGINT ignored by the process, or reserved (-Xrs)
            System.getLogger("facet").log(Level.DEBUG, "facet: cannot handle a second SIGINT", unavailable);
        }
    }
}
