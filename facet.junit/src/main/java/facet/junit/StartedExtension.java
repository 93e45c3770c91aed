package facet.junit;

import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * What {@link Started} registers: starts the marked fields' services around the tests and closes
 * them after, failing the test or the class on what {@code close()} throws. Not for direct use:
 * mark a field {@link Started} instead.
 */
public final class StartedExtension implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StartedExtension.class);
    /**
     * The store key of the stacks one context started (a class, or one test): by its id, since
     * a store also answers with what its parents hold under the same key.
     */
    private record StacksOf(String uniqueId) {}

    /** A field's service, started. */
    private record Stack(Field field, Running<?> running) {

        String describe() {
            return nameOf(field);
        }
    }

    /** The stacks a context started, in start order. */
    private static final class Stacks {
        final List<Stack> started = new ArrayList<>();
    }

    /** Made by JUnit, for {@link Started}. */
    public StartedExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context, fields(context.getRequiredTestClass(), StartedExtension::isStatic), null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        rethrow(crashOf(classStacks(context))); // a class-wide stack that crashed fails at once
        Object instance = context.getRequiredTestInstance();
        start(context, fields(instance.getClass(), field -> !isStatic(field)), instance);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Throwable failure = close(stacksOf(context));
        failure = merged(failure, crashOf(classStacks(context)));
        rethrow(failure);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        rethrow(close(stacksOf(context)));
    }

    // ------------------------------------------------------------------ starting and closing

    @SuppressWarnings("ReferenceEquality") // the same instance is not suppressed under itself
    private static void start(ExtensionContext context, List<Field> fields,
            @Nullable Object instance) throws Exception {
        Stacks stacks = stacksOf(context);
        for (Field field : fields) {
            Service service = serviceIn(field, instance);
            try {
                stacks.started.add(new Stack(field, Facet.start(service)));
            } catch (Exception | Error failed) {
                // nothing started half-way stays running: close what this context started
                Throwable closing = close(stacks);
                if (closing != null && closing != failed) {
                    failed.addSuppressed(closing);
                }
                throw failed;
            }
        }
    }

    /** Closes every stack, newest first; the first failure leads, the others suppressed. */
    private static @Nullable Throwable close(Stacks stacks) {
        Throwable failure = null;
        for (int at = stacks.started.size() - 1; at >= 0; at--) {
            try {
                stacks.started.get(at).running().close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failure = merged(failure, interrupted);
            } catch (Exception | Error failed) {
                failure = merged(failure, failed);
            }
        }
        stacks.started.clear();
        return failure;
    }

    /**
     * The failure of every class-wide stack that went down during the test (a crash), which
     * closing it throws; such a stack is closed and forgotten, so the class's end does not
     * report it again.
     */
    private static @Nullable Throwable crashOf(@Nullable Stacks stacks) {
        if (stacks == null) {
            return null;
        }
        Throwable failure = null;
        for (int at = stacks.started.size() - 1; at >= 0; at--) {
            Stack stack = stacks.started.get(at);
            if (stack.running().onExit().isDone()) {
                stacks.started.remove(at);
                try {
                    stack.running().close();
                    failure = merged(failure, new AssertionError(stack.describe()
                            + " stopped during the test although nothing closed it"));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failure = merged(failure, interrupted);
                } catch (Exception | Error crashed) {
                    failure = merged(failure, crashed);
                }
            }
        }
        return failure;
    }

    @SuppressWarnings("ReferenceEquality") // the same instance is not suppressed under itself
    private static @Nullable Throwable merged(@Nullable Throwable first,
            @Nullable Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != null && next != first) {
            first.addSuppressed(next);
        }
        return first;
    }

    private static void rethrow(@Nullable Throwable failure) throws Exception {
        if (failure instanceof Exception exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    // ------------------------------------------------------------------ fields and stores

    /**
     * The marked fields in the order they are declared, a superclass's first: JUnit's own field
     * search orders them otherwise, and the order is the start order.
     */
    private static List<Field> fields(Class<?> testClass, Predicate<Field> which) {
        var hierarchy = new ArrayDeque<Class<?>>();
        for (Class<?> type = testClass; type != null && type != Object.class;
                type = type.getSuperclass()) {
            hierarchy.push(type);
        }
        var found = new ArrayList<Field>();
        for (Class<?> type : hierarchy) {
            for (Field field : type.getDeclaredFields()) {
                if (AnnotationSupport.isAnnotated(field, Started.class) && which.test(field)) {
                    found.add(field);
                }
            }
        }
        return found;
    }

    private static boolean isStatic(Field field) {
        return Modifier.isStatic(field.getModifiers());
    }

    /** A field as messages name it: {@code MyTest.database}. */
    private static String nameOf(Field field) {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    private static Service serviceIn(Field field, @Nullable Object instance) throws Exception {
        String name = nameOf(field);
        if (!Service.class.isAssignableFrom(field.getType())) {
            throw new ExtensionConfigurationException("@Started field " + name + " is a "
                    + field.getType().getName() + ", not a facet.api.Service");
        }
        // through JUnit, which a modular test already opens its packages to
        Object value = ReflectionSupport.tryToReadFieldValue(field, instance).get();
        if (value == null) {
            throw new ExtensionConfigurationException("@Started field " + name
                    + " is null: give it the service to start");
        }
        return (Service) value;
    }

    private static Stacks stacksOf(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(new StacksOf(context.getUniqueId()),
                key -> new Stacks(), Stacks.class);
    }

    /** The class-wide stacks, from a test's context: its class's store, if it started any. */
    private static @Nullable Stacks classStacks(ExtensionContext context) {
        ExtensionContext classContext = context.getParent().orElse(null);
        while (classContext != null && classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElse(null);
        }
        return classContext == null ? null : classContext.getStore(NAMESPACE)
                .get(new StacksOf(classContext.getUniqueId()), Stacks.class);
    }

    // ------------------------------------------------------------------ parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return !candidates(parameter, context).isEmpty();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<Object> found = candidates(parameter, context);
        if (found.size() > 1) {
            throw new ParameterResolutionException(parameter.getParameter() + " could be any of "
                    + found.size() + " @Started services: declare its type more precisely");
        }
        return found.get(0);
    }

    /** The services, or their Running, that fit the parameter: the test's own, then the class's. */
    private static List<Object> candidates(ParameterContext parameter, ExtensionContext context) {
        var found = new ArrayList<Object>();
        var all = new ArrayList<Stack>();
        Stacks own = context.getStore(NAMESPACE).get(new StacksOf(context.getUniqueId()),
                Stacks.class);
        if (own != null) {
            all.addAll(own.started);
        }
        Stacks ofClass = context.getTestMethod().isPresent() ? classStacks(context) : null;
        if (ofClass != null) {
            all.addAll(ofClass.started);
        }
        Class<?> type = parameter.getParameter().getType();
        for (Stack stack : all) {
            Service service = stack.running().service();
            if (type == Running.class) {
                if (fits(parameter.getParameter().getParameterizedType(), service)) {
                    found.add(stack.running());
                }
            } else if (type.isInstance(service) && type != Object.class) {
                found.add(service);
            }
        }
        return found;
    }

    /** Whether {@code Running<X>} (or a raw or wildcard {@code Running}) takes this service. */
    private static boolean fits(Type declared, Service service) {
        if (declared instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[0];
            if (argument instanceof Class<?> wanted) {
                return wanted.isInstance(service);
            }
            if (argument instanceof ParameterizedType generic
                    && generic.getRawType() instanceof Class<?> wanted) {
                return wanted.isInstance(service);
            }
        }
        return true; // Running, Running<?>: any
    }
}
