package facet.api.spi;

import facet.api.Service;

/** The compiled example of the javadoc of {@link ServiceNames}. */
final class ServiceNamesSnippets {

    /** A service that does not override {@code toString()}. */
    static final class Database implements Service {}

    /** A service named by its {@code toString()}. */
    static final class Named implements Service {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A service whose {@code toString()} throws. */
    static final class Broken implements Service {
        @Override
        public String toString() {
            throw new IllegalStateException("not named yet");
        }
    }

    static void names() {
        // @start region=name
        // @replace region regex=";" replacement=" "
        ServiceNames.name(new Database());         // "Database"
        ServiceNames.name(new Named("primary"));   // whatever Named.toString() returns
        ServiceNames.name(new Broken());           // "Broken@1b6d3586 (its toString() threw
                                                   //  IllegalStateException)"
        // @end
        // @end
    }
}
