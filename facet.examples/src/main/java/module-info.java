/**
 * The examples of the Python facet README, ported to Java: each a small program with a
 * {@code main}, and {@link facet.examples.Examples} to run them all, one after another.
 *
 * <p>From the root of the project, build and run them all (they end by themselves):
 *
 * <pre>{@code
 * ./mvnw -q -DskipTests -Pexamples package
 * }</pre>
 *
 * <p>The build copies this module and what it needs at run time into
 * {@code facet.examples/target/modules}, so that each example also runs alone with plain
 * {@code java} 21 or newer. The first one waits for Ctrl-C, as in the Python README:
 *
 * <pre>{@code
 * java -p facet.examples/target/modules -m facet.examples/facet.examples.RunExample
 * }</pre>
 *
 * <p>Like any user, this module {@code requires facet.api} and nothing else: the engine and the
 * virtual-thread backend are on the module path and are found by {@link java.util.ServiceLoader}.
 */
module facet.examples {
    requires facet.api;
}
