package facet.api.spi;

import facet.api.Service;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for naming a service in messages, logs and thread names: its {@code toString()}
 * if its class overrides it, else its simple class name.
 *
 * <pre>{@code
 * ServiceNames.name(new Database())          // "Database"
 * ServiceNames.name(new Named("primary"))    // whatever Named.toString() returns
 * }</pre>
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
        if (OVERRIDES_TO_STRING.get(type)) {
            return String.valueOf(service.toString());
        }
        String simple = type.getSimpleName();
        if (simple.isEmpty()) { // anonymous or hidden class: keep the tail of the binary name
            String name = type.getName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
        return simple;
    }
}
