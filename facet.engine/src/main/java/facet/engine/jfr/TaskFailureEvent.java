package facet.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task of a service threw (not the end of a cancelled task). */
@Name("dev.facet.TaskFailure")
@Label("Task Failure")
@Category("facet")
@Description("A background task of a service threw")
@StackTrace(false)
public final class TaskFailureEvent extends jdk.jfr.Event {

    /** The name of the service that added the task. */
    @Label("Service")
    public String service = "";

    /** What it threw, as class and message. */
    @Label("Failure")
    public String failure = "";

    /** An event not yet committed: {@link #isEnabled()} says whether to fill it in. */
    public TaskFailureEvent() {}
}
