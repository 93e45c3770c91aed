package facet.benchmarks;

/**
 * The JVM options of W1's forks: a fixed heap, every page of it touched before the first
 * iteration.
 *
 * <p>Without them a fork grows its heap as it goes, and a round that allocates into memory never
 * touched before pays the operating system's first-touch faults: on this project's hosts (virtual
 * machines) a start and stop of 100,000 services took 1 or 6 µs per service by turns, in one
 * fork, for every system measured. The same options for facet, Guava and the floor keep the
 * comparison fair; 2 GB holds the largest graph several times over.
 */
final class FixedHeap {

    static final String MIN = "-Xms2g";
    static final String MAX = "-Xmx2g";
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    private FixedHeap() {}
}
