package facet.engine.spi;

/** An action scheduled by {@link ExecutionBackend#schedule}. */
public interface Alarm {

    /** Cancels the action if it has not run yet; does nothing otherwise. */
    void cancel();
}
