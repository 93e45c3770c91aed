package facet.engine.spi;

/**
 * Lets {@code facet.testkit} reach the engine's internals wherever its jar is put.
 *
 * <p>The engine exports its internal packages to the module {@code facet.testkit} only. That is
 * enough when both jars are on the module path, or both on the class path. A modular
 * application tested with Maven Surefire's defaults has the engine on the module path (a
 * runtime dependency of the application) and the testkit on the class path (a test
 * dependency), in the unnamed module, which a qualified export does not reach. The testkit calls
 * {@link #open()} before it touches the engine, and the engine then exports those packages to
 * the testkit's unnamed module too.
 *
 * <p>Only for {@code facet.testkit}: any other caller is refused.
 */
public final class TestkitAccess {

    /** The package of the testkit's classes, whichever module they are in. */
    private static final String TESTKIT = "facet.testkit";
    /** The engine's packages that {@code module-info} exports to {@code facet.testkit}. */
    private static final String[] INTERNALS = {"facet.engine", "facet.engine.event"};

    private static final StackWalker WALKER =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private TestkitAccess() {}

    /**
     * Exports the engine's internals to the calling testkit's module, if its {@code module-info}
     * does not already.
     *
     * @throws IllegalCallerException if the caller is not a class of {@code facet.testkit}
     */
    public static void open() {
        Class<?> caller = WALKER.getCallerClass();
        if (!caller.getPackageName().equals(TESTKIT)) {
            throw new IllegalCallerException(caller.getName() + " may not open the engine's"
                    + " internals: only " + TESTKIT + " may");
        }
        Module engine = TestkitAccess.class.getModule();
        Module testkit = caller.getModule();
        // both named: the qualified exports hold; both unnamed: nothing is closed
        if (engine.isNamed() && !testkit.isNamed()) {
            for (String internal : INTERNALS) {
                engine.addExports(internal, testkit);
            }
        }
    }
}
