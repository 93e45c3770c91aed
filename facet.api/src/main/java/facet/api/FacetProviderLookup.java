package facet.api;

import facet.api.spi.FacetProvider;
import java.util.ArrayList;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/** Finds the one {@link FacetProvider}, once, or explains which jars are missing. */
final class FacetProviderLookup {

    private static @Nullable FacetProvider provider;

    private FacetProviderLookup() {}

    /** A failed lookup is not cached: it fails again, with the same message, on every call. */
    static synchronized FacetProvider provider() {
        var found = provider;
        if (found == null) {
            found = find();
            provider = found;
        }
        return found;
    }

    private static FacetProvider find() {
        // loops, no lambda: this runs at every launch, where a lambda's class is spun at run time
        var found = new ArrayList<FacetProvider>();
        for (FacetProvider each : ServiceLoader.load(FacetProvider.class,
                FacetProvider.class.getClassLoader())) {
            found.add(each);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException(
                    "No facet engine found. Add an execution backend to the class path or module"
                            + " path: dev.facet:facet.executor.virtual (virtual threads) or"
                            + " dev.facet:facet.executor.threads (platform threads); each brings"
                            + " dev.facet:facet.engine.");
        }
        if (found.size() > 1) {
            var names = new ArrayList<String>();
            for (FacetProvider each : found) {
                names.add(each.getClass().getName());
            }
            throw new IllegalStateException(
                    "Several facet engines found; keep the jar of one of them: " + names);
        }
        return found.get(0);
    }
}
