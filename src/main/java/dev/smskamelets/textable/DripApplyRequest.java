package dev.smskamelets.textable;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Builds "Apply a drip campaign to a contact" (used by {@code textable-drip-apply-action}): the contact id from
 * header {@value ContactWriteRequest#ID_HEADER} else the {@code contactId} property, the campaign from header
 * {@value #DRIP_HEADER} else the {@code dripCampaignId} property; both checked as Textable ids before anything is
 * sent; sets the path (template with {@code {id}}) and the body {@code {dripCampaignId}}.
 */
public class DripApplyRequest implements Processor {

    public static final String DRIP_HEADER = "textableDripCampaignId";
    private static final String OP = "applyDripCampaign";

    private String path;
    private String contactId;
    private String dripCampaignId;

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String contact = TextableBody.id(OP, "contactId", in.getHeader(ContactWriteRequest.ID_HEADER, contactId, Object.class));
        String drip = TextableBody.id(OP, "dripCampaignId", in.getHeader(DRIP_HEADER, dripCampaignId, Object.class));
        in.setHeader(Exchange.HTTP_PATH, TextableBody.path(path, contact));
        in.setBody(Map.of("dripCampaignId", drip));
    }

    public void setPath(String path) {
        this.path = path;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId == null || contactId.isBlank() ? null : contactId;
    }

    public void setDripCampaignId(String dripCampaignId) {
        this.dripCampaignId = dripCampaignId == null || dripCampaignId.isBlank() ? null : dripCampaignId;
    }
}
