package dev.smskamelets.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    static final String S = "s3cr3tValue9";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"client_secret\":\"s3cr3tValue9\",\"client_id\":\"abc\"}",
        "{\"access_token\" : \"s3cr3tValue9\", \"expires_in\": 3600}",
        "{\"AccessToken\":\"s3cr3tValue9\",\"MessageID\":\"m1\"}",
        "{\"accessToken\":\"s3cr3tValue9\"}",
        "{\"refresh_token\":\"s3cr3tValue9\"}",
        "{\"x-api-key\":\"s3cr3tValue9\"}",
        "{\"AccessToken\": 12345678s3cr3tValue9}",
        "body=\"{\\\"AccessToken\\\":\\\"s3cr3tValue9\\\",\\\"MessageID\\\":1}\"",
        "grant_type=client_credentials&client_id=abc&client_secret=s3cr3tValue9&scope=x",
        "https://h/api?access_token=s3cr3tValue9&page=1",
        "Authorization: Bearer s3cr3tValue9",
        "authorization: Basic s3cr3tValue9",
        "Proxy-Authorization: Basic s3cr3tValue9",
        "X-Api-Key: s3cr3tValue9",
        "x-api-key:s3cr3tValue9",
        "headers={Authorization=Bearer s3cr3tValue9, x-api-key=s3cr3tValue9, Content-Type=application/json}",
        "http-outgoing-0 >> \"Authorization: Bearer s3cr3tValue9[\\r][\\n]\"",
        "http-outgoing-0 >> \"x-api-key: s3cr3tValue9[\\r][\\n]\"",
        "http-outgoing-0 >> \"grant_type=client_credentials&client_id=c&client_secret=s3cr3tValue9\"",
        "http-outgoing-0 << \"{\"access_token\":\"s3cr3tValue9\",\"token_type\":\"Bearer\"}\"",
        "http-outgoing-0 >> Authorization: Bearer s3cr3tValue9",
        "call failed with token Bearer s3cr3tValue9 for user",
        "Textable: Bearer acct-123:s3cr3tValue9",
        "api_key='s3cr3tValue9'",
        "password = s3cr3tValue9",
        "<AccessToken>x</AccessToken> access_token: s3cr3tValue9",
        "Found property: store.apiKey with value: s3cr3tValue9 to be used.",
        "Found property: env:TEXTREQUEST_API_KEY with value: s3cr3tValue9 to be used.",
        "Resolved text: {{listrak.clientSecret}} -> s3cr3tValue9",
        "Resolved text: {{textable.token}} -> s3cr3tValue9"
    })
    void removesEverySecretForm(String line) {
        String out = Redactor.redact(line);
        assertThat(out).doesNotContain(S).contains(Redactor.MASK);
    }

    @Test
    void keepsTheRestReadable() {
        assertThat(Redactor.redact("{\"client_id\":\"abc\",\"client_secret\":\"" + S + "\",\"scope\":\"sms\"}"))
                .isEqualTo("{\"client_id\":\"abc\",\"client_secret\":\"***\",\"scope\":\"sms\"}");
        assertThat(Redactor.redact("a=1&client_secret=" + S + "&b=2")).isEqualTo("a=1&client_secret=***&b=2");
        assertThat(Redactor.redact("Authorization: Bearer " + S)).isEqualTo("Authorization: ***");
        assertThat(Redactor.redact("{\"AccessToken\":null,\"token_type\":\"Bearer\"}"))
                .isEqualTo("{\"AccessToken\":null,\"token_type\":\"Bearer\"}");
        assertThat(Redactor.redact("phone=+15551234567 status=429")).isEqualTo("phone=+15551234567 status=429");
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("Basic configuration loaded; Bearer authentication enabled"))
                .isEqualTo("Basic configuration loaded; Bearer authentication enabled");
        assertThat(Redactor.redact("Bearer dXNlcjpwYXNz and Basic Zm9vOmJhcg==")).isEqualTo("Bearer *** and Basic ***");
    }

    @Test
    void isIdempotent() {
        String once = Redactor.redact("Authorization: Bearer " + S + " {\"client_secret\":\"" + S + "\"}");
        assertThat(Redactor.redact(once)).isEqualTo(once);
    }

    @Test
    void removesRegisteredLiteralsAnywhere() {
        String token = "tok-" + System.nanoTime();
        assertThat(Redactor.redact("oops " + token + " leaked")).contains(token);
        Redactor.registerSecret(token);
        assertThat(Redactor.redact("oops " + token + " leaked")).isEqualTo("oops *** leaked");
    }
}
