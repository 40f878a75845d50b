package dev.smskamelets.jobs.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the bulk path reads Textable's batch answer ({@link OptOutBulk#textableAnswer}): the spec's shape with the
 * refused numbers named {@code contacts[i]}, and the worst plausible vendor (counts that do not add up, no index, an
 * empty or non-JSON body, hostile indexes). A number counts applied only when the answer accounts for it; anything the
 * answer does not prove is written again one by one (that path reads first).
 */
class OptOutBulkAnswersTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("all applied", "{\"status\":\"ok\",\"details\":{\"created\":2,\"updated\":1,\"failed\":0,\"errors\":[]}}",
                        List.of(0, 1, 2), List.of()),
                Arguments.of("one refused by index", "{\"status\":\"partial\",\"details\":{\"created\":1,\"updated\":1,"
                        + "\"failed\":1,\"errors\":[\"Invalid parameter contacts[1].phoneNumber: not a number\"]}}",
                        List.of(0, 2), List.of(1)),
                Arguments.of("counts do not add up", "{\"status\":\"ok\",\"details\":{\"created\":1,\"updated\":0,\"failed\":0}}",
                        List.of(), List.of(0, 1, 2)),
                Arguments.of("a failure without an index", "{\"status\":\"partial\",\"details\":{\"created\":2,\"updated\":0,"
                        + "\"failed\":1,\"errors\":[\"something went wrong\"]}}", List.of(), List.of(0, 1, 2)),
                Arguments.of("an index out of range", "{\"status\":\"partial\",\"details\":{\"created\":2,\"updated\":0,"
                        + "\"failed\":1,\"errors\":[\"contacts[99].phoneNumber\"]}}", List.of(), List.of(0, 1, 2)),
                Arguments.of("an empty body", "", List.of(), List.of(0, 1, 2)),
                Arguments.of("not JSON", "<html>502 Bad Gateway</html>", List.of(), List.of(0, 1, 2)),
                Arguments.of("the status only (the help article's {\"status\":\"true\"})", "{\"status\":\"true\"}",
                        List.of(), List.of(0, 1, 2)),
                Arguments.of("negative counts", "{\"details\":{\"created\":-1,\"updated\":4,\"failed\":0}}",
                        List.of(), List.of(0, 1, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void aNumberCountsAppliedOnlyWhenTheAnswerAccountsForIt(String name, String answer, List<Integer> applied,
                                                             List<Integer> retried) {
        OptOutBulk bulk = new OptOutBulk();
        List<OptOutBulk.Pending> request = new ArrayList<>();
        for (String phone : List.of("+15125550100", "+15125550101", "+15125550102")) {
            OptOutBulk.Pending p = new OptOutBulk.Pending();
            p.properties.put("optOutPhone", phone);
            request.add(p);
        }
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        List<OptOutBulk.Pending> done = bulk.textableAnswer(exchange, request, answer);

        assertThat(done).as("applied").containsExactlyElementsOf(applied.stream().map(request::get).toList());
        @SuppressWarnings("unchecked")
        List<OptOutBulk.Pending> retry = exchange.getProperty("optOutRetry", List.class);
        assertThat(retry).as("written again one by one").containsExactlyElementsOf(retried.stream().map(request::get).toList());
    }

    @org.junit.jupiter.api.Test
    void theBatchBodyIsBuiltWithJacksonFromTheNumbers() throws Exception {
        OptOutBulk bulk = new OptOutBulk();
        OptOutBulk.Pending p = new OptOutBulk.Pending();
        p.properties.put("optOutPhone", "+15125550100");
        Map<String, Object> body = bulk.textableItems(List.of(p));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))
                .isEqualTo("{\"contacts\":[{\"phoneNumber\":\"+15125550100\",\"optedOut\":true}]}");
    }
}
