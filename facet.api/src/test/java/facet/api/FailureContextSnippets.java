package facet.api;

/** The compiled example of the javadoc of {@link FailureContext}. */
final class FailureContextSnippets {

    /** The service the example starts. */
    static final class Api implements Service {}

    static void find() {
        // @start region=find
        try {
            Facet.start(new Api()).close();
        } catch (Exception failure) {
            FailureContext where = FailureContext.of(failure);
            if (where != null) {
                System.err.println(where.hook() + "() of " + where.service() + " failed, under "
                        + String.join(" -> ", where.path()));
            }
        }
        // @end
    }
}
