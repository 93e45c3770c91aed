/**
 * Architecture rules, checked on the compiled production classes with ArchUnit (and, where
 * bytecode cannot tell, on the sources and module descriptors): what each module may depend on,
 * no package cycles, R13 (the engine forks, waits and reads the clock only through its backend),
 * no logging library but {@code System.Logger}, every package {@code @NullMarked}.
 *
 * <p>The rules do not depend on the backend, so they are tagged {@code process} and run in the
 * first Surefire execution only.
 */
@NullMarked
package facet.tests.architecture;

import org.jspecify.annotations.NullMarked;
