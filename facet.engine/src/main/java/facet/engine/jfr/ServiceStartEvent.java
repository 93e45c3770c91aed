package facet.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A service's {@code start()}, from its call to its return or throw. */
@Name("dev.facet.ServiceStart")
@Label("Service Start")
@Category("facet")
@Description("A service's start() hook, from its call to its return or throw")
@StackTrace(false)
public final class ServiceStartEvent extends jdk.jfr.Event {

    /** The service's name. */
    @Label("Service")
    public String service = "";

    /** {@code started} or {@code failed}. */
    @Label("Outcome")
    public String outcome = "";

    /** What it threw, as class and message; empty if it returned. */
    @Label("Failure")
    public String failure = "";

    /** An event not yet begun: {@link #isEnabled()} says whether to fill it in. */
    public ServiceStartEvent() {}
}
