package facet.engine;

/**
 * A deliberate bug, switched on only to prove that the property tests catch it: an engine made
 * with one breaks a rule on purpose. Reached through the qualified export to the testkit; no
 * engine the API makes has any.
 */
public enum Mutation {
    /** Stop walks the steps in start order (breaks R2). */
    STOP_STEPS_IN_START_ORDER,
    /** A failed start leaves what it started running (breaks R4). */
    SKIP_ROLLBACK,
    /** close() throws the first stop failure and drops the others (breaks R5). */
    DROP_SUPPRESSED_STOP_FAILURES
}
