package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The vendor OpenAPI copies in {@code src/main/resources/openapi} (the contract the sandbox enforces) parse cleanly
 * from the classpath, and the documented Text Request contract fix is in place.
 */
class OpenApiDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"listrak-sms.yaml", "listrak-twowaysms.yaml", "listrak-crosschannel.yaml",
        "textrequest.yaml", "textable.yaml"})
    void documentParsesWithoutMessages(String file) throws IOException {
        SwaggerParseResult result = parse(file);

        assertThat(result.getMessages()).as("parser messages for %s", file).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).as("paths of %s", file).isNotEmpty();
    }

    @Test
    void textRequestContractFixIsApplied() throws IOException {
        OpenAPI textRequest = parse("textrequest.yaml").getOpenAPI();

        for (String name : new String[] {"post_user_request", "update_user_request", "post_webhook_request"}) {
            Schema<?> schema = textRequest.getComponents().getSchemas().get(name);
            assertThat(schema).as(name).isNotNull();
            assertThat(schema.getRequired()).as("required list of %s (see openapi/README.md)", name).isNullOrEmpty();
        }
        assertThat(textRequest.getComponents().getSchemas().get("post_webhook_request").getProperties())
                .as("post_webhook_request declares the name Text Request requires").containsKey("name");
    }

    private static SwaggerParseResult parse(String file) throws IOException {
        try (InputStream in = OpenApiDocumentsTest.class.getClassLoader().getResourceAsStream("openapi/" + file)) {
            assertThat(in).as("classpath openapi/%s", file).isNotNull();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            return new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null,
                    options);
        }
    }
}
