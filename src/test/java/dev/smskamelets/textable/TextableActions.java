package dev.smskamelets.textable;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.textable.TextableApi;
import dev.smskamelets.test.KameletCamel;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds a Camel context with {@code direct:call} → one Textable action kamelet pointed at the sandbox. */
final class TextableActions {

    private TextableActions() {
    }

    static KameletCamel start(Sandbox sandbox, String kamelet, Map<String, String> parameters) throws Exception {
        String token = (String) sandbox.api(TextableApi.class).user().get("token");
        String extra = parameters.entrySet().stream()
                .map(e -> "                    " + e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
        return new KameletCamel(Map.of("token", token)).start("""
                - route:
                    from:
                      uri: "direct:call"
                      steps:
                        - to:
                            uri: "kamelet:%s"
                            parameters:
                              baseUrl: "%s"
                              bearerToken: "{{token}}"
                %s
                """.formatted(kamelet, sandbox.baseUrl(), extra.replaceAll("(?m)^                    ", "              ")));
    }
}
