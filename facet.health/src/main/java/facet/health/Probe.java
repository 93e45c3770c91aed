package facet.health;

import org.jspecify.annotations.Nullable;

/** The paths the endpoint answers, as MicroProfile Health names them. */
enum Probe {
    STARTED("/health/started"),
    LIVE("/health/live"),
    READY("/health/ready"),
    /** All three at once: UP only if each is. */
    ALL("/health");

    private final String path;

    Probe(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    /** Whether a user check registered for liveness, readiness or both counts here. */
    boolean counts(UserCheck check) {
        return switch (this) {
            case STARTED -> false;
            case LIVE -> check.live();
            case READY -> check.ready();
            case ALL -> true;
        };
    }

    /** The probe at {@code path}, exactly ({@code /health/live/} is not {@code /health/live}). */
    static @Nullable Probe at(String path) {
        for (Probe probe : values()) {
            if (probe.path.equals(path)) {
                return probe;
            }
        }
        return null;
    }
}
