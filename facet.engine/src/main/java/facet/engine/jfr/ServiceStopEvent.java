package facet.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A service's {@code stop()}, from its call to its return or throw. */
@Name("dev.facet.ServiceStop")
@Label("Service Stop")
@Category("facet")
@Description("A service's stop() hook, from its call to its return or throw")
@StackTrace(false)
public final class ServiceStopEvent extends jdk.jfr.Event {

    /** The service's name. */
    @Label("Service")
    public String service = "";

    /** {@code stopped} or {@code failed}. */
    @Label("Outcome")
    public String outcome = "";

    /** What it threw, as class and message; empty if it returned. */
    @Label("Failure")
    public String failure = "";

    /** An event not yet begun: {@link #isEnabled()} says whether to fill it in. */
    public ServiceStopEvent() {}
}
