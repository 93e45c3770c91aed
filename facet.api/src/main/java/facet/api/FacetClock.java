package facet.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The clock of {@link Facet#clock()}: each read asks the engine for the time of the calling
 * strand, so a clock made before a simulation ran still reads its virtual time inside it.
 */
final class FacetClock extends Clock {

    static final FacetClock UTC = new FacetClock(ZoneOffset.UTC);

    private final ZoneId zone;

    private FacetClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new FacetClock(other);
    }

    @Override
    public Instant instant() {
        return FacetProviderLookup.provider().instant();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FacetClock clock && clock.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(FacetClock.class, zone);
    }

    @Override
    public String toString() {
        return "Facet.clock()[" + zone + "]";
    }
}
