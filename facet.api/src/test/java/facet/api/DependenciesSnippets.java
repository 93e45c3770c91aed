package facet.api;

/** The compiled example of the javadoc of {@link Dependencies}. */
final class DependenciesSnippets {

    static void steps(Service a, Service b, Service c, Service d) {
        // @start region=steps
        // @replace region regex=";" replacement=" "
        Dependencies.none();                      // []
        Dependencies.of(b, c);                    // [b, c]         b, then c
        Dependencies.parallel(b, c);              // [[b, c]]       b and c together
        Dependencies.parallel(b, c).then(d);      // [[b, c], d]    b and c, then d
        Dependencies.of(a).thenParallel(b, c);    // [a, [b, c]]    a, then b and c
        // @end
        // @end
    }
}
