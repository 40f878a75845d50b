package dev.smskamelets.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off Apache HttpClient's own request re-execution (it silently retries I/O failures and honours
 * {@code Retry-After} on 429/503) for one camel-http endpoint, so that every retry this library makes is a
 * visible Camel redelivery.
 *
 * <p>camel-http offers {@code automaticRetriesDisabled} only as a <em>component</em> option; written on an
 * endpoint URI it is not recognised and camel-http forwards it to the vendor as a query parameter. Kamelets
 * therefore declare this configurer as a template bean and pass it to the endpoint:
 *
 * <pre>{@code
 * beans:
 *   - name: noRetries
 *     type: "#class:dev.smskamelets.http.NoAutomaticRetries"
 * ...
 *   httpClientConfigurer: "#bean:{{noRetries}}"
 * }</pre>
 */
public final class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
