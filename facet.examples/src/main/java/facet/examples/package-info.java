/**
 * The examples, one class each, in the order of the Python README.
 *
 * <ul>
 *   <li>{@link facet.examples.RunExample}: {@code new A().run()}; B starts before A, and on
 *       Ctrl-C A stops before B.
 *   <li>{@link facet.examples.StartExample}: the same services held with try-with-resources.
 *   <li>{@link facet.examples.TaskExample}: a background task with {@code addTask}.
 *   <li>{@link facet.examples.StepsExample}: dependencies started one after the other, together,
 *       and both mixed.
 *   <li>{@link facet.examples.CrashExample}: a failing background task brings the stack down.
 *   <li>{@link facet.examples.TimeoutExample}: a stop stuck past the graceful shutdown timeout.
 *   <li>{@link facet.examples.Examples}: runs them all.
 * </ul>
 */
@NullMarked
package facet.examples;

import org.jspecify.annotations.NullMarked;
