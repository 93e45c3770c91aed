package facet.testkit;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The compiled example of the javadoc of {@link Journal}. */
final class JournalSnippets {

    static void awaitUntil(Journal journal) throws InterruptedException, TimeoutException {
        // @start region=awaitUntil
        journal.awaitUntil(j -> j.count("db", "stopped") == j.count("db", "started"),
                Duration.ofSeconds(10));
        // @end
    }
}
