package facet.health;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The compiled examples of the javadoc of {@link HealthEndpoint} and {@link HealthCheck}. */
final class HealthEndpointSnippets {

    static final class Database implements Service {

        boolean reachable() {
            return true;
        }

        boolean accepting() {
            return true;
        }
    }

    // @start region=firstDependency
    static final class Api implements Service {
        private final HealthEndpoint health;
        private final Database database;

        Api(HealthEndpoint health, Database database) {
            this.health = health;
            this.database = database;
        }

        @Override
        public Dependencies dependencies() {
            return Dependencies.of(health, database);  // health first: up first, down last
        }
    }

    public static void main(String[] args) throws Exception {
        var health = HealthEndpoint.on(new InetSocketAddress("0.0.0.0", 8081))
                .drainTime(Duration.ofSeconds(5));
        Facet.run(new Api(health, new Database()));
    }
    // @end

    static HealthEndpoint checks(Database database) {
        // @start region=checks
        HealthCheck pool = database::accepting;
        var health = HealthEndpoint.on(new InetSocketAddress("0.0.0.0", 8081))
                .readinessCheck("database", database::reachable)
                .livenessCheck("pool", pool)
                .readinessCheck("pool", pool)             // the same object: counts for both
                .checkTimeout(Duration.ofMillis(500));
        // @end
        return health;
    }

    // @start region=serviceCheck
    /** Ready while its connections are. */
    static final class Pool implements Service, HealthCheck {
        @Override
        public boolean check() {
            return connectionsAlive();
        }
        boolean connectionsAlive() {
            return true; // the pool's own test
        }
    }
    // @end
}
