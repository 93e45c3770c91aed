package facet.api.spi;

import facet.api.Service;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for naming a service in messages, logs and thread names: its {@code toString()}
 * if its class overrides it, else its simple class name. A name never fails a lifecycle: a
 * {@code toString()} that throws or returns {@code null} gives the class name and identity hash,
 * with what went wrong.
 *
 * {@snippet file=facet/api/spi/ServiceNamesSnippets.java region=name}
 */
public final class ServiceNames {

    private static final ClassValue<Boolean> OVERRIDES_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException impossible) {
                throw new AssertionError("every class has toString()", impossible);
            }
        }
    };

    private ServiceNames() {}

    /**
     * Names a service readably.
     *
     * @param service the service, or {@code null}
     * @return its name; {@code "null"} for {@code null}
     */
    public static String name(@Nullable Service service) {
        if (service == null) {
            return "null";
        }
        Class<?> type = service.getClass();
        if (!OVERRIDES_TO_STRING.get(type)) {
            return className(type);
        }
        String named;
        try {
            named = service.toString();
        } catch (RuntimeException | StackOverflowError failed) {
            return fallback(service, "its toString() threw " + failed.getClass().getSimpleName());
        }
        return named != null ? named : fallback(service, "its toString() returned null");
    }

    /** The class name and identity hash, and why: {@code Broken@1b6d3586 (...)}. */
    private static String fallback(Service service, String why) {
        return className(service.getClass()) + "@"
                + Integer.toHexString(System.identityHashCode(service)) + " (" + why + ")";
    }

    private static String className(Class<?> type) {
        String simple = type.getSimpleName();
        if (simple.isEmpty()) { // anonymous or hidden class: keep the tail of the binary name
            String name = type.getName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
        return simple;
    }
}
