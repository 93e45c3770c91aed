package facet.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A real HTTP client for the tests, one per test: no connection outlives its endpoint. */
final class Probing implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpResponse<String> get(HealthEndpoint endpoint, String path)
            throws IOException, InterruptedException {
        return send(endpoint, "GET", path);
    }

    HttpResponse<String> send(HealthEndpoint endpoint, String method, String path)
            throws IOException, InterruptedException {
        return http.send(request(endpoint, method, path), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(HealthEndpoint endpoint, String path) {
        return http.sendAsync(request(endpoint, "GET", path), HttpResponse.BodyHandlers.ofString());
    }

    int status(HealthEndpoint endpoint, String path) throws IOException, InterruptedException {
        return get(endpoint, path).statusCode();
    }

    private static HttpRequest request(HealthEndpoint endpoint, String method, String path) {
        return HttpRequest.newBuilder(uri(endpoint, path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    static URI uri(HealthEndpoint endpoint, String path) {
        return URI.create("http://" + HealthEndpoint.describe(endpoint.address()) + path);
    }

    @Override
    public void close() {
        http.close();
    }
}
