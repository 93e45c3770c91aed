package facet.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A service's graceful shutdown timeout passed while it still stopped. */
@Name("dev.facet.StopAbandoned")
@Label("Stop Abandoned")
@Category("facet")
@Description("A service's graceful shutdown timeout passed while it still stopped")
@StackTrace(false)
public final class StopAbandonedEvent extends jdk.jfr.Event {

    /** The service's name. */
    @Label("Service")
    public String service = "";

    /** Where its stuck code was (the innermost frame); empty if none of its code ran. */
    @Label("Stuck At")
    public String stuckAt = "";

    /** An event not yet committed: {@link #isEnabled()} says whether to fill it in. */
    public StopAbandonedEvent() {}
}
