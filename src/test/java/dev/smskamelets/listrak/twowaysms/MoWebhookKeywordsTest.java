package dev.smskamelets.listrak.twowaysms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Listrak Two-Way MO goes through the same keyword rule as every inbound path (OptOutKeywords). */
class MoWebhookKeywordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "STOP                    | true  | false | STOP",
        "'  stop!  '             | true  | false | STOP",
        "Opt Out                 | true  | false | OPT OUT",
        "please stop texting me  | false | true  | STOP",
        "STOPPED BY the store    | false | false | ",
        "Where is my order?      | false | false | ",
    })
    void headersSayWhetherTheMessageIsAnOptOut(String text, boolean optOut, boolean revocation, String keyword)
            throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        MoWebhook hook = new MoWebhook();
        hook.setSecret("s3cret-value-long-enough");
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeader("X-Webhook-Secret", "s3cret-value-long-enough");
        exchange.getIn().setBody(new ObjectMapper().writeValueAsString(
                Map.of("SenderCode", 12345, "CountryCode", "US", "PhoneId", 77, "Text", text)));

        hook.process(exchange);

        assertThat(exchange.getProperty(MoWebhook.REFUSED)).isNull();
        assertThat(exchange.getIn().getHeader(MoWebhook.OPT_OUT)).isEqualTo(optOut);
        assertThat(exchange.getIn().getHeader(MoWebhook.REVOCATION)).isEqualTo(revocation);
        assertThat(exchange.getIn().getHeader(MoWebhook.KEYWORD)).isEqualTo(keyword);
    }
}
