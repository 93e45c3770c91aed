/**
 * Services, their dependencies, and the calls that start and stop them.
 *
 * <pre>{@code
 * class B implements Service {
 *     public void start() { System.out.println("b started"); }
 *     public void stop()  { System.out.println("b stopped"); }
 * }
 * class A implements Service {
 *     final B b = new B();
 *     public Dependencies dependencies() { return Dependencies.of(b); }
 *     public void start() { System.out.println("a started"); }
 *     public void stop()  { System.out.println("a stopped"); }
 * }
 *
 * try (var running = Facet.start(new A())) {   // b started, a started
 *     running.await();                           // until stopped or crashed
 * }                                              // a stopped, b stopped
 * }</pre>
 *
 * <p>Stable API: see the module description.
 */
@NullMarked
package facet.api;

import org.jspecify.annotations.NullMarked;
