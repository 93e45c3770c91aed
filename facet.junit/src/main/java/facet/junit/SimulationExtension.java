package facet.junit;

import facet.testkit.Property;
import facet.testkit.Simulation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * What {@link SimulatedTest} registers: gives the method a {@link Simulation} and calls it once
 * per try of a {@link Property} over seeds, shrinking a failure over its schedule. Not for direct
 * use: annotate the method {@link SimulatedTest} instead.
 */
public final class SimulationExtension implements ParameterResolver, InvocationInterceptor {

    /** Runs one seed alone: the seed a failure report names. */
    static final String ONE_SEED = "facet.simulation.seed";

    /** Made by JUnit, for {@link SimulatedTest}. */
    public SimulationExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Simulation.class
                && AnnotationSupport.isAnnotated(parameter.getDeclaringExecutable(),
                        SimulatedTest.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Simulation.seeded(0); // a stand-in: each try is called with a simulation of its own
    }

    @Override
    public void interceptTestMethod(Invocation<@Nullable Void> invocation,
            ReflectiveInvocationContext<Method> call, ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        var simulated = AnnotationSupport.findAnnotation(method, SimulatedTest.class);
        if (simulated.isEmpty()) { // registered by hand on a class: its other tests run as usual
            invocation.proceed();
            return;
        }
        int at = simulationParameter(method);
        Object target = call.getTarget().orElse(null);
        List<Object> arguments = call.getArguments();
        invocation.skip(); // called here instead, once per try
        Property.Check<Simulation> oneTry = simulation -> {
            var withThisOne = new ArrayList<@Nullable Object>(arguments);
            withThisOne.set(at, simulation);
            ReflectionSupport.invokeMethod(method, target, withThisOne.toArray());
        };
        String seed = System.getProperty(ONE_SEED);
        if (seed != null) {
            oneTry.check(Simulation.seeded(Long.parseLong(seed.strip())));
            return;
        }
        Property.forAll(Simulation::seeded)
                .shrinking(Simulation::shrink)
                .describedBy(Simulation::replayLine)
                .tries(simulated.get().tries())
                .check(oneTry);
    }

    private static int simulationParameter(Method method) {
        Class<?>[] types = method.getParameterTypes();
        for (int at = 0; at < types.length; at++) {
            if (types[at] == Simulation.class) {
                return at;
            }
        }
        throw new ExtensionConfigurationException("@SimulatedTest " + method.getName()
                + " takes no Simulation parameter: add one, and run the services on it");
    }
}
