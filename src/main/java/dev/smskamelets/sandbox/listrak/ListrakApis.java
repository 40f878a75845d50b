package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.VendorApi;
import java.util.List;

/**
 * Builds the four Listrak pieces of the sandbox around one token store: the token endpoint ({@code /OAuth2}),
 * SMS ({@code /sms}), Two-Way SMS ({@code /twowaysms}) and Cross Channel ({@code /crosschannel/v1}).
 * Option {@code listrak.tokenTtlSeconds} (default 3600) sets {@code expires_in}.
 */
public final class ListrakApis {

    private ListrakApis() {
    }

    public static List<VendorApi> create(SandboxContext context) {
        ListrakTokens tokens = new ListrakTokens(context.faults(), context.config().longOption("listrak.tokenTtlSeconds", 3600));
        ListrakIntegration sms = ListrakIntegration.of(context.config(), ListrakIntegration.SMS, "sms", "SMS");
        ListrakIntegration twoWay = ListrakIntegration.of(context.config(), ListrakIntegration.TWO_WAY, "twowaysms", "Two-Way SMS");
        ListrakIntegration cross = ListrakIntegration.of(context.config(), ListrakIntegration.CROSS_CHANNEL, "crosschannel", "Cross Channel");
        ListrakTwoWayApi[] twoWayApi = new ListrakTwoWayApi[1];
        ListrakSmsApi smsApi = new ListrakSmsApi(context, sms, tokens, (phone, text, code) -> twoWayApi[0].inbound(phone, text, code));
        twoWayApi[0] = new ListrakTwoWayApi(context, twoWay, tokens, smsApi.seed(), smsApi::knownPhone);
        ListrakCrossChannelApi crossApi = new ListrakCrossChannelApi(context, cross, tokens,
                smsApi::knownEmail, smsApi::knownPhone, smsApi::knownMobileContactUid);
        return List.of(new ListrakAuthApi(List.of(sms, twoWay, cross), tokens, context.faults(), context.ledger()),
                smsApi, twoWayApi[0], crossApi);
    }
}
