package facet.engine.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Whether the JVM's flight recorder has been set going: only then can an event of facet's be
 * recorded. Asked before an event class is touched, because the first use of one registers it
 * with the recorder, which bootstraps JFR's instrumentation: measured at about 150 ms of a cold
 * start (the cold start benchmark's 20 services, with no recording) that nobody asked for.
 */
public final class FlightRecorderState {

    private FlightRecorderState() {}

    /**
     * Whether a recording was ever started in this JVM (by {@code -XX:StartFlightRecording},
     * {@code jcmd JFR.start} or the {@code jdk.jfr} API); once it is, events are made as usual.
     *
     * @return {@code true} if the flight recorder is initialized
     */
    public static boolean initialized() {
        return FlightRecorder.isInitialized();
    }
}
