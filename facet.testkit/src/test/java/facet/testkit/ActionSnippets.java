package facet.testkit;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** The compiled example of the javadoc of {@link Action}. */
final class ActionSnippets {

    static void script(Journal journal, CountDownLatch release) {
        // @start region=script
        ScriptedService.named("db", journal)
                .onStart(Action.fail(new IOException("no route")))
                .onStop(Action.hangIgnoringInterrupts(release));
        // @end
    }
}
