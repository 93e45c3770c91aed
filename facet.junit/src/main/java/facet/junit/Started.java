package facet.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the {@link facet.api.Service} in this field around the tests, on the real backend, as
 * {@code Facet.start} does: a {@code static} field once before all tests of the class and closed
 * after them, an instance field before each test and closed after it. Fields start in the order
 * they are declared and close in the reverse order.
 *
 * {@snippet file=facet/junit/StartedSnippets.java region=example}
 *
 * <p>A test method (or a {@code @BeforeEach}/{@code @AfterEach} method) may take the started
 * service, by its type, or its {@link facet.api.Running}, by {@code Running<ItsType>}.
 *
 * <p>What fails what: a start that throws fails the class ({@code static}) or the test, and
 * whatever started before it is closed. A stack that crashes during a test fails that test, with
 * the crash, when the test ends. A {@code stop()} that throws, and a stop that passes its
 * graceful shutdown timeout ({@link facet.api.ShutdownTimeoutException}), fail the test or the
 * class whose end closed it. Each failure is the one {@code close()} throws, so it is the
 * exception the service threw, with the others suppressed under it.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StartedExtension.class)
public @interface Started {}
