package facet.testkit;

import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A small property runner: tries a check on many generated values, and when one fails, shrinks
 * it to a minimal failing value and reports it with the seed and a line that replays it. Runs
 * inside any test method (it throws a {@link PropertyFailure}, an {@link AssertionError} with the
 * seed and the shrunk value as data); generation and shrinking are plain functions given to it,
 * so they serve any other property-testing library too.
 *
 * {@snippet file=facet/testkit/PropertySnippets.java region=forAll}
 *
 * <p>The seeds come from a base seed, fixed by default (a run of the build is repeatable) and
 * overridden by the system property {@code facet.property.seed}; {@code facet.property.tries}
 * multiplies the number of tries.
 *
 * @param <T> the generated values
 */
public final class Property<T> {

    /**
     * Makes a value from a seed: the same seed, the same value.
     *
     * @param <T> the values
     */
    @FunctionalInterface
    public interface Generator<T> {

        /**
         * Makes a value.
         *
         * @param seed the seed
         * @return the value
         */
        T generate(long seed);
    }

    /**
     * Smaller values than a failing one, the most promising first.
     *
     * @param <T> the values
     */
    @FunctionalInterface
    public interface Shrinker<T> {

        /**
         * Proposes smaller values.
         *
         * @param value a failing value
         * @return candidates
         */
        Stream<T> shrink(T value);
    }

    /**
     * What must hold for every value: it throws when it does not.
     *
     * @param <T> the values
     */
    @FunctionalInterface
    public interface Check<T> {

        /**
         * Checks a value.
         *
         * @param value the value
         * @throws Exception if the property does not hold
         */
        void check(T value) throws Exception;
    }

    private static final long DEFAULT_SEED = 0x5EED_FACE_7L;

    private final Generator<T> generator;
    private final Shrinker<T> shrinker;
    private final Function<T, String> describer;
    private final int tries;
    private final long seed;
    private final int maxShrinks;

    private Property(Generator<T> generator, Shrinker<T> shrinker, Function<T, String> describer,
            int tries, long seed, int maxShrinks) {
        this.generator = generator;
        this.shrinker = shrinker;
        this.describer = describer;
        this.tries = tries;
        this.seed = seed;
        this.maxShrinks = maxShrinks;
    }

    /**
     * A property over the values {@code generator} makes: 100 tries, no shrinking.
     *
     * @param generator makes a value from a seed
     * @param <T> the values
     * @return the property
     */
    public static <T> Property<T> forAll(Generator<T> generator) {
        long seed = Long.getLong("facet.property.seed", DEFAULT_SEED);
        return new Property<>(Objects.requireNonNull(generator), value -> Stream.empty(),
                String::valueOf, 100, seed, 1_000);
    }

    /**
     * Shrinks failing values with {@code shrinker}.
     *
     * @param shrinker proposes smaller values
     * @return a copy that shrinks
     */
    public Property<T> shrinking(Shrinker<T> shrinker) {
        return new Property<>(generator, Objects.requireNonNull(shrinker), describer, tries, seed,
                maxShrinks);
    }

    /**
     * Describes the minimal failing value with {@code describer}: best, as a line of Java that
     * replays it.
     *
     * @param describer the description
     * @return a copy that describes so
     */
    public Property<T> describedBy(Function<T, String> describer) {
        return new Property<>(generator, shrinker, Objects.requireNonNull(describer), tries, seed,
                maxShrinks);
    }

    /**
     * Tries this many values (times {@code facet.property.tries}, if set).
     *
     * @param tries how many
     * @return a copy
     */
    public Property<T> tries(int tries) {
        int factor = Integer.getInteger("facet.property.tries", 1);
        return new Property<>(generator, shrinker, describer, Math.max(1, tries * factor), seed,
                maxShrinks);
    }

    /**
     * Starts from this base seed.
     *
     * @param seed the base seed
     * @return a copy
     */
    public Property<T> seed(long seed) {
        return new Property<>(generator, shrinker, describer, tries, seed, maxShrinks);
    }

    /**
     * Gives up shrinking after this many candidates tried.
     *
     * @param candidates how many
     * @return a copy
     */
    public Property<T> maxShrinks(int candidates) {
        return new Property<>(generator, shrinker, describer, tries, seed, candidates);
    }

    /**
     * The seed of try {@code index}: a mix of the base seed and the index.
     *
     * @param base the base seed
     * @param index the try, from 0
     * @return its seed
     */
    public static long seedOf(long base, int index) {
        long mixed = base + 0x9E37_79B9_7F4A_7C15L * (index + 1L);
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return mixed ^ (mixed >>> 31);
    }

    /**
     * Runs the property.
     *
     * @param check what must hold for every value
     * @throws PropertyFailure for the first value that fails, shrunk, with how to replay it
     */
    public void check(Check<T> check) {
        for (int index = 0; index < tries; index++) {
            long trySeed = seedOf(seed, index);
            T value = generator.generate(trySeed);
            Throwable failure = failure(check, value);
            if (failure != null) {
                throw report(check, index, trySeed, value, failure);
            }
        }
    }

    private @Nullable Throwable failure(Check<T> check, T value) {
        try {
            check.check(value);
            return null;
        } catch (Exception | AssertionError failed) {
            return failed;
        }
    }

    private PropertyFailure report(Check<T> check, int index, long trySeed, T value,
            Throwable failure) {
        T minimal = value;
        Throwable minimalFailure = failure;
        int tried = 0;
        int shrinks = 0;
        boolean smaller = true;
        while (smaller && tried < maxShrinks) {
            smaller = false;
            var candidates = shrinker.shrink(minimal).iterator();
            while (candidates.hasNext() && tried < maxShrinks) {
                T candidate = candidates.next();
                tried++;
                Throwable candidateFailure = failure(check, candidate);
                if (candidateFailure != null) {
                    minimal = candidate;
                    minimalFailure = candidateFailure;
                    shrinks++;
                    smaller = true;
                    break;
                }
            }
        }
        return new PropertyFailure(trySeed, seed, index + 1, tries, minimal,
                describer.apply(minimal), shrinks, tried, minimalFailure);
    }
}
