/**
 * Health probes over HTTP for a tree of services, for Kubernetes and any load balancer.
 *
 * {@snippet file=facet/health/HealthEndpointSnippets.java region=firstDependency}
 *
 * <p>A {@link facet.health.HealthEndpoint} is a {@link facet.api.Service}: put it first among a
 * root's dependencies, so it answers before the rest starts and after the rest stopped. Its
 * probes follow the tree: {@code started} once every root has started, {@code ready} while
 * every root runs and no drain has begun, {@code live} until a root crashes or a stop is
 * abandoned past its deadline. {@link facet.health.HealthCheck}s add checks of the
 * application's own.
 *
 * <p>API status: experimental until 1.0.
 */
@NullMarked
package facet.health;

import org.jspecify.annotations.NullMarked;
