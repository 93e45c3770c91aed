package facet.tests.rules;

import facet.api.FailureContext;
import java.util.Arrays;
import java.util.List;

/**
 * What is suppressed under a failure, but the {@link FailureContext} the engine attaches to every
 * failure of a hook or task: the failures that were handed on with it.
 */
final class Suppressed {

    private Suppressed() {}

    /** The failures suppressed under {@code failure}, in order, its contexts left out. */
    static List<Throwable> failuresUnder(Throwable failure) {
        return Arrays.stream(failure.getSuppressed())
                .filter(suppressed -> !(suppressed instanceof FailureContext))
                .toList();
    }
}
