package dev.plux.spring.boot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * GET requests for JSON to the application a web test started on a local port, as a caller outside it makes them.
 */
final class LocalJsonRequests {

    private LocalJsonRequests() {
    }

    /**
     * Gets a path of the local application, asking for JSON.
     *
     * @param http the client
     * @param port the application's port
     * @param path the path, starting with {@code /}
     * @return the response, its body as text
     */
    static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "application/json")
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
