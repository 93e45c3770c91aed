package facet.testkit;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Property} that did not hold: which try failed, on which seed, and the smallest value
 * that still fails, as data a test or a tool can read, not only as the message.
 *
 * {@snippet file=facet/testkit/PropertySnippets.java region=failure}
 *
 * <p>Its cause is the failure of the shrunk value.
 */
public final class PropertyFailure extends AssertionError {

    @Serial private static final long serialVersionUID = 1L;

    /** The seed of the failing try. */
    private final long seed;
    /** The base seed of every try. */
    private final long baseSeed;
    /** Which try failed, from 1. */
    private final int attempt;
    /** How many tries the property was to make. */
    private final int tries;
    /** The smallest failing value; not serialized. */
    private final transient @Nullable Object shrunk;
    /** The smallest failing value, described. */
    private final String described;
    /** How many times shrinking found a smaller failing value. */
    private final int shrinks;

    PropertyFailure(long seed, long baseSeed, int attempt, int tries, @Nullable Object shrunk,
            String described, int shrinks, int candidates, Throwable failure) {
        super("property failed at try " + attempt + " of " + tries + " (seed " + seed
                + "; base seed " + baseSeed + ": -Dfacet.property.seed=" + baseSeed
                + " reruns every try)\nshrunk " + shrinks + " times (" + candidates
                + " candidates tried) to:\n  " + described + "\nwhich fails with: "
                + failure.getMessage(), failure);
        this.seed = seed;
        this.baseSeed = baseSeed;
        this.attempt = attempt;
        this.tries = tries;
        this.shrunk = shrunk;
        this.described = described;
        this.shrinks = shrinks;
    }

    /**
     * The seed of the failing try: the generator made the first failing value from it.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The base seed every try's seed came from: {@code -Dfacet.property.seed=} it reruns them.
     *
     * @return the base seed
     */
    public long baseSeed() {
        return baseSeed;
    }

    /**
     * Which try failed, from 1.
     *
     * @return the try
     */
    public int attempt() {
        return attempt;
    }

    /**
     * How many tries the property was to make.
     *
     * @return the tries
     */
    public int tries() {
        return tries;
    }

    /**
     * The smallest failing value shrinking found (the first failing value when nothing
     * shrinks). Not kept when the failure is serialized.
     *
     * @return the value
     */
    public @Nullable Object shrunk() {
        return shrunk;
    }

    /**
     * The shrunk value as {@link Property#describedBy} describes it: best, Java that replays it.
     *
     * @return the description
     */
    public String described() {
        return described;
    }

    /**
     * How many times shrinking found a smaller failing value.
     *
     * @return the count
     */
    public int shrinks() {
        return shrinks;
    }
}
