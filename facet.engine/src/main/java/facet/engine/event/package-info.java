/**
 * What happens in an engine, typed: {@link facet.engine.event.EngineEvent} and the
 * {@link facet.engine.event.EngineListener} that hears it.
 *
 * <p>Not exported but to {@code facet.testkit}, whose journal records these events. Depends on
 * {@code facet.api} only.
 */
@NullMarked
package facet.engine.event;

import org.jspecify.annotations.NullMarked;
