package dev.smskamelets.core.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.optout.OptOutKeywords.Decision;
import dev.smskamelets.core.optout.OptOutKeywords.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptOutKeywordsTest {

    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            STOP                              | OPT_OUT    | STOP
            stop                              | OPT_OUT    | STOP
            '  Stop.  '                       | OPT_OUT    | STOP
            STOP!!                            | OPT_OUT    | STOP
            '"stop"'                          | OPT_OUT    | STOP
            Quit                              | OPT_OUT    | QUIT
            end                               | OPT_OUT    | END
            REVOKE                            | OPT_OUT    | REVOKE
            opt out                           | OPT_OUT    | OPT OUT
            'OPT    OUT!'                     | OPT_OUT    | OPT OUT
            Cancel                            | OPT_OUT    | CANCEL
            unsubscribe.                      | OPT_OUT    | UNSUBSCRIBE
            STOPALL                           | OPT_OUT    | STOPALL
            OptOut                            | OPT_OUT    | OPTOUT
            please stop texting me            | REVOCATION | STOP
            Stop sending me these messages!   | REVOCATION | STOP
            unsubscribe me please             | REVOCATION | UNSUBSCRIBE
            I want to opt out                 | REVOCATION | OPT OUT
            opt-out                           | REVOCATION | OPT OUT
            cancel these messages             | REVOCATION | CANCEL
            please end the texts              | REVOCATION | END
            quit texting me                   | REVOCATION | QUIT
            STOPPED BY                        | NONE       | null
            unstoppable                       | NONE       | null
            don't stop                        | NONE       | null
            Please don't stop the deals       | NONE       | null
            Please stop by the store          | NONE       | null
            stopping                          | NONE       | null
            START                             | NONE       | null
            the end of the week works         | NONE       | null
            I quit smoking                    | NONE       | null
            cancel my appointment tomorrow    | NONE       | null
            weekend                           | NONE       | null
            ''                                | NONE       | null
            '!!!'                             | NONE       | null
            null                              | NONE       | null
            """)
    void classifiesInboundMessages(String message, Kind kind, String keyword) {
        OptOutKeywords.Match match = OptOutKeywords.classify(message);
        assertThat(match.kind()).as(message).isEqualTo(kind);
        assertThat(match.keyword()).as(message).isEqualTo(keyword);
    }

    @Test
    void aKeywordInALongMessageIsNotARevocation() {
        String longMessage = "Hi, thanks for the reminder about the sale, I will come by on Saturday with my sister "
                + "and we will stop at the shop if there is time";
        assertThat(OptOutKeywords.classify(longMessage).kind()).isEqualTo(Kind.NONE);
        String longRevocation = "hello there I have told you many times already, please just stop texting me now ok";
        assertThat(longRevocation.split(" ").length).isGreaterThan(OptOutKeywords.SHORT_WORDS);
        assertThat(OptOutKeywords.classify(longRevocation).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void thePolicyDecidesWhatARevocationBecomes() {
        OptOutKeywords keywords = new OptOutKeywords();
        assertThat(keywords.getRevocationPolicy()).isEqualTo(OptOutKeywords.RevocationPolicy.APPLY);
        assertThat(keywords.decide("please stop texting me")).isEqualTo(Decision.OPT_OUT);
        assertThat(keywords.decide("STOP")).isEqualTo(Decision.OPT_OUT);
        assertThat(keywords.decide("STOPPED BY")).isEqualTo(Decision.NONE);
        keywords.setRevocationPolicy("review");
        assertThat(keywords.decide("please stop texting me")).isEqualTo(Decision.REVIEW);
        assertThat(keywords.decide("STOP")).isEqualTo(Decision.OPT_OUT);
        assertThat(Decision.REVIEW.label()).isEqualTo("review");
        assertThatThrownBy(() -> keywords.setRevocationPolicy("maybe"))
                .hasMessageContaining("revocationPolicy").hasMessageContaining("'maybe'");
    }

    @Test
    void textableStopKeywordsUseTheSameRule() {
        assertThat(dev.smskamelets.textable.StopKeywords.match("Stop!")).contains("STOP");
        assertThat(dev.smskamelets.textable.StopKeywords.match("please stop texting me")).isEmpty();
        assertThat(dev.smskamelets.textable.StopKeywords.KEYWORDS).isSameAs(OptOutKeywords.KEYWORDS);
    }
}
