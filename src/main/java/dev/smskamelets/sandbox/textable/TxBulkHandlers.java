package dev.smskamelets.sandbox.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations on many contacts or on contact programmes: block/unblock senders and batch upload (both "API Beta"),
 * drip campaign listing and application. All paths are unverified defaults from {@link TextablePaths}.
 */
final class TxBulkHandlers {

    private final TxState state;
    private final TxAuth auth;
    private final TxContactHandlers contacts;

    TxBulkHandlers(TxState state, TxAuth auth, TxContactHandlers contacts) {
        this.state = state;
        this.auth = auth;
        this.contacts = contacts;
    }

    void register(Router router) {
        router.add("POST", TextableApi.relative(TextablePaths.BLOCK), "blockContacts", this::block);
        router.add("POST", TextableApi.relative(TextablePaths.BATCH_UPLOAD), "uploadContactBatch", this::batch);
        router.add("GET", TextableApi.relative(TextablePaths.DRIP_CAMPAIGNS), "listDripCampaigns", r -> {
            TxUser user = auth.caller(r);
            List<Object> drips = state.drips.values().stream().filter(d -> user.id.equals(d.get("uid"))).map(d -> (Object) d).toList();
            return SandboxResponse.json(200, Map.of("drips", drips));
        });
        router.add("POST", TextableApi.relative(TextablePaths.APPLY_DRIP), "applyDripCampaign", this::applyDrip);
    }

    private SandboxResponse block(SandboxRequest r) {
        TxUser caller = auth.caller(r);
        JsonNode body = Json.read(r.body());
        if (!body.isArray()) {
            throw new BadRequestException("The body must be an array of {action, sender, user}");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode item : body) {
            String action = item.path("action").asText("");
            if (!action.equals("block") && !action.equals("unblock")) {
                throw new BadRequestException("Invalid parameter action: '" + action + "' (block or unblock)");
            }
            TxUser user = item.hasNonNull("user") ? user(item.get("user").asText()) : caller;
            String sender = item.path("sender").asText("");
            TxContact c = state.contacts.containsKey(sender) ? state.contacts.get(sender)
                    : state.contactByPhone(user.id, TxPhones.e164("sender", sender))
                    .orElseGet(() -> state.newContact(user.id, sender, System.currentTimeMillis()));
            c.blocked = action.equals("block");
            state.record(r, "contact", c.id, action + " " + c.phoneNumber + " for user " + user.id);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("action", action);
            result.put("sender", c.phoneNumber);
            result.put("contactId", c.id);
            result.put("user", user.id);
            results.add(result);
        }
        return SandboxResponse.json(200, Map.of("status", true, "results", results));
    }

    private SandboxResponse batch(SandboxRequest r) {
        TxUser user = auth.caller(r);
        JsonNode list = Json.read(r.body()).path("contacts");
        if (!list.isArray()) {
            throw new BadRequestException("Missing parameter contacts (an array)");
        }
        int created = 0;
        int updated = 0;
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String phone;
            try {
                phone = TxPhones.e164("contacts[" + i + "].phoneNumber", item.path("phoneNumber").asText(null));
            } catch (BadRequestException e) {
                errors.add(e.getMessage());
                continue;
            }
            TxContact c = state.contactByPhone(user.id, phone).orElse(null);
            if (c == null) {
                c = state.newContact(user.id, phone, System.currentTimeMillis());
                created++;
            } else {
                updated++;
            }
            if (item.hasNonNull("fullName")) {
                c.fullName = item.get("fullName").asText();
            }
            if (item.hasNonNull("email")) {
                c.email = item.get("email").asText();
            }
            if (item.hasNonNull("optedOut")) {
                c.optedOut = item.get("optedOut").asBoolean();
            }
            // an opt-out in the same words as a single update's, so a ledger reader sees it whichever way it came
            state.record(r, "contact", c.id, "batch upsert " + phone
                    + (item.hasNonNull("optedOut") ? " optedOut=" + c.optedOut : ""));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("created", created);
        details.put("updated", updated);
        details.put("failed", errors.size());
        details.put("errors", errors);
        return SandboxResponse.json(200, Map.of("status", errors.isEmpty() ? "ok" : "partial", "details", details));
    }

    private SandboxResponse applyDrip(SandboxRequest r) {
        TxContact c = contacts.owned(r);
        String dripId = Json.read(r.body()).path("dripCampaignId").asText("");
        Map<String, Object> drip = state.drips.get(dripId);
        if (drip == null || !c.ownerId.equals(drip.get("uid"))) {
            return TxErrors.error(400, "Drip campaign '" + dripId + "' not found");
        }
        if (c.optedOut) {
            return TxErrors.error(400, "Contact " + c.phoneNumber + " has opted out of messages");
        }
        c.drips.add(dripId);
        long at = System.currentTimeMillis();
        List<Object> added = new ArrayList<>();
        for (Object step : (List<?>) drip.get("drips")) {
            Map<?, ?> s = (Map<?, ?>) step;
            at += ((Number) s.get("interval")).longValue() * 86_400_000L;
            Map<String, Object> scheduled = new LinkedHashMap<>();
            scheduled.put("message", s.get("message"));
            scheduled.put("sendAt", at);
            added.add(scheduled);
        }
        state.record(r, "contact", c.id, "drip " + dripId + " applied");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dripCampaignId", dripId);
        out.put("addedDripMessages", added);
        return SandboxResponse.json(200, out);
    }

    private TxUser user(String idOrPhone) {
        TxUser user = state.users.get(idOrPhone);
        if (user == null) {
            user = state.userByPhone(idOrPhone).orElse(null);
        }
        if (user == null) {
            throw new BadRequestException("Invalid parameter user: no user " + idOrPhone);
        }
        return user;
    }
}
