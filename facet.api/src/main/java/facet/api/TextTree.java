package facet.api;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Draws a tree of services as text, the root at the top, each arrow numbered with its step; a
 * service reached again is named, not drawn again. What {@link ServiceGraph} and
 * {@link LifecycleReport} print, one line per service:
 *
 * <pre>
 * api
 * +- 1: cache
 * |  \- 1: db
 * \- 2: db (above)
 * </pre>
 */
final class TextTree {

    /** Receives each line of the tree, top to bottom. */
    @FunctionalInterface
    interface Line {

        /**
         * One line.
         *
         * @param prefix what comes before the name: the branches and the step's number
         *     ({@code "|  \- 1: "}); empty for the root
         * @param service the service the line names
         * @param again whether it was drawn above already (its dependencies are not drawn again)
         */
        void draw(String prefix, Service service, boolean again);
    }

    private TextTree() {}

    /**
     * Walks the tree under {@code root}, depth first, step by step.
     *
     * @param root the root
     * @param stepsOf each service's dependencies, step by step
     * @param line receives each line
     */
    static void draw(Service root, Function<Service, List<List<Service>>> stepsOf, Line line) {
        line.draw("", root, false);
        var drawn = new IdentityHashMap<Service, Boolean>();
        drawn.put(root, true);
        // an explicit stack, not recursion: a chain of 10,000 services is a fine graph
        var path = new ArrayDeque<Below>();
        path.push(new Below(stepsOf.apply(root), ""));
        while (!path.isEmpty()) {
            Below top = path.peek();
            Service dependency = top.next();
            if (dependency == null) {
                path.pop();
                continue;
            }
            boolean last = top.done();
            boolean again = drawn.put(dependency, true) != null;
            line.draw(top.indent + (last ? "\\- " : "+- ") + top.step() + ": ", dependency, again);
            if (!again) {
                String indent = top.indent + (last ? "   " : "|  ");
                path.push(new Below(stepsOf.apply(dependency), indent));
            }
        }
    }

    /** A service being drawn, and the next of its arrows. */
    private static final class Below {
        final List<List<Service>> steps;
        final String indent;
        private int step;
        private int at;

        Below(List<List<Service>> steps, String indent) {
            this.steps = steps;
            this.indent = indent;
        }

        /** The next dependency, or {@code null} when all are drawn. */
        @Nullable Service next() {
            while (step < steps.size()) {
                if (at < steps.get(step).size()) {
                    return steps.get(step).get(at++);
                }
                step++;
                at = 0;
            }
            return null;
        }

        /** The number of the step of the dependency {@link #next()} gave. */
        int step() {
            return step + 1;
        }

        /** Whether the dependency {@link #next()} gave is the last. */
        boolean done() {
            if (at < steps.get(step).size()) {
                return false;
            }
            for (int later = step + 1; later < steps.size(); later++) {
                if (!steps.get(later).isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }
}
