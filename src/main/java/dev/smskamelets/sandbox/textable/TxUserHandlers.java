package dev.smskamelets.sandbox.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users (with their {@code relayWebhook}), API tokens and organizations. Listing users and organizations is for
 * admins; editing a user other than oneself too.
 */
final class TxUserHandlers {

    private final TxState state;
    private final TxAuth auth;

    TxUserHandlers(TxState state, TxAuth auth) {
        this.state = state;
        this.auth = auth;
    }

    void register(Router router) {
        router.add("GET", TextableApi.relative(TextablePaths.USERS), "listUsers", r -> {
            admin(r);
            return SandboxResponse.json(200, state.users.values().stream().map(TxUser::toJson).toList());
        });
        router.add("POST", TextableApi.relative(TextablePaths.USERS), "createUser", this::create);
        router.add("PUT", TextableApi.relative(TextablePaths.USER_BY_ID), "editUser", this::edit);
        router.add("GET", TextableApi.relative(TextablePaths.USER_V2_BY_ID), "getUserById", r ->
                SandboxResponse.json(200, target(r).toJson()));
        router.add("PUT", TextableApi.relative(TextablePaths.USER_WEBHOOK), "editUserWebhookUrl", r -> {
            TxUser user = auth.caller(r);
            user.relayWebhook = url(Json.read(r.body()).path("url").asText(null));
            state.record(r, "user", user.id, "relayWebhook=" + user.relayWebhook);
            return SandboxResponse.json(200, Map.of("status", true));
        });
        router.add("POST", TextableApi.relative(TextablePaths.USER_TOKEN), "createUserApiToken", r -> {
            TxUser user = auth.caller(r);
            String token = state.token(40);
            user.tokens.add(token);
            state.record(r, "user", user.id, "API token created");
            return SandboxResponse.json(200, Map.of("token", token));
        });
        router.add("GET", TextableApi.relative(TextablePaths.ORGANIZATIONS_V2), "getOrganizationsV2", r -> {
            admin(r);
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("id", state.organizationId);
            org.put("organizationName", state.organizationName);
            org.put("users", state.users.values().stream().filter(u -> state.organizationId.equals(u.organizationId))
                    .map(u -> u.id).toList());
            return SandboxResponse.json(200, List.of(org));
        });
    }

    private SandboxResponse create(SandboxRequest r) {
        TxUser caller = admin(r);
        JsonNode body = Json.read(r.body());
        String phone = TxPhones.e164("phoneNumber", body.path("phoneNumber").asText(null));
        String email = body.path("emailAddress").asText("");
        if (email.isBlank()) {
            throw new BadRequestException("Missing parameter emailAddress");
        }
        if (state.userByPhone(phone).isPresent()) {
            throw new BadRequestException("Invalid parameter phoneNumber: " + phone + " is in use by another user");
        }
        TxUser user = new TxUser(state.id(), phone, email, body.path("fullName").asText(email),
                body.path("organizationId").asText(caller.organizationId), state.token(40), state.token(24));
        user.relayWebhook = body.hasNonNull("relayWebhook") ? url(body.get("relayWebhook").asText()) : null;
        state.users.put(user.id, user);
        state.record(r, "user", user.id, "created " + phone);
        return SandboxResponse.json(200, Map.of("id", user.id));
    }

    private SandboxResponse edit(SandboxRequest r) {
        TxUser user = target(r);
        JsonNode body = Json.read(r.body());
        if (body.hasNonNull("phoneNumber")) {
            String phone = TxPhones.e164("phoneNumber", body.get("phoneNumber").asText());
            if (state.userByPhone(phone).filter(u -> u != user).isPresent()) {
                throw new BadRequestException("Invalid parameter phoneNumber: " + phone + " is in use by another user");
            }
            user.phone = phone;
        }
        if (body.hasNonNull("emailAddress")) {
            user.email = body.get("emailAddress").asText();
        }
        if (body.hasNonNull("fullName")) {
            user.fullName = body.get("fullName").asText();
        }
        if (body.has("relayWebhook")) {
            user.relayWebhook = body.get("relayWebhook").isNull() ? null : url(body.get("relayWebhook").asText());
        }
        if (body.hasNonNull("disabled")) {
            user.disabled = body.get("disabled").asBoolean();
        }
        state.record(r, "user", user.id, "edited " + body.properties().stream().map(Map.Entry::getKey).toList());
        return SandboxResponse.json(200, user.toJson());
    }

    /** The user of the {@code id} path parameter: oneself, or anyone for an admin. */
    private TxUser target(SandboxRequest r) {
        TxUser caller = auth.caller(r);
        TxUser user = state.users.get(r.pathParam("id"));
        if (user == null || (!caller.admin && user != caller)) {
            throw new TxContactHandlers.NotFound("User " + r.pathParam("id") + " not found");
        }
        return user;
    }

    private TxUser admin(SandboxRequest r) {
        TxUser caller = auth.caller(r);
        if (!caller.admin) {
            throw new Forbidden("Only admins may do this");
        }
        return caller;
    }

    private static String url(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new BadRequestException("Invalid parameter url: '" + value + "' is not an http(s) URL");
        }
        return value;
    }

    /** A 403 in Textable's shape. */
    static final class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message);
        }
    }
}
