package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.ArrayList;
import java.util.List;

/** Dashboards: list (paged), get, create from a provisioned number, rename, delete, and number provisioning. */
final class TrDashboardHandlers {

    private final TrState state;
    private final int tenDlcRate;

    TrDashboardHandlers(TrState state, int tenDlcRate) {
        this.state = state;
        this.tenDlcRate = tenDlcRate;
    }

    void register(Router router) {
        router.add("GET", "/dashboards", "Dashboard_listAllDashboards", r ->
                TrPaging.of(r).respond(List.copyOf(state.dashboards.values()), TrDashboard::toJson, false));
        router.add("POST", "/dashboards", "Dashboard_createNewDashboard", this::create);
        router.add("GET", "/dashboards/{dashboard_id}", "Dashboard_getInfo", r ->
                SandboxResponse.json(200, state.dashboard(r.pathParam("dashboard_id")).toJson()));
        router.add("PUT", "/dashboards/{dashboard_id}", "Dashboard_updateName", this::rename);
        router.add("DELETE", "/dashboards/{dashboard_id}", "Dashboard_deleteDashboardById", this::delete);
        router.add("GET", "/dashboards/provisioning", "Dashboard_getProvisionedNumbers", this::provisioning);
    }

    private SandboxResponse create(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw new BadRequestException("A dashboard name must be specified.");
        }
        String phone = TrPhones.lenient("phone", body.path("phone").asText(null));
        if (state.dashboards.values().stream().anyMatch(d -> d.phone.equals(phone))) {
            throw new BadRequestException("The phone number " + phone + " is already in use by a dashboard.");
        }
        int id = state.nextDashboardId++;
        TrDashboard d = new TrDashboard(id, name, phone, state.ids.guid("phone"), false, tenDlcRate);
        state.dashboards.put(id, d);
        state.record(r, "dashboard", String.valueOf(id), "created " + phone);
        return SandboxResponse.json(200, d.toJson());
    }

    private SandboxResponse rename(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String name = Json.read(r.body()).path("name").asText("");
        if (name.isBlank()) {
            throw new BadRequestException("A dashboard name must be specified.");
        }
        d.name = name;
        state.record(r, "dashboard", String.valueOf(d.id), "renamed " + name);
        return SandboxResponse.json(200, d.toJson());
    }

    private SandboxResponse delete(SandboxRequest r) {
        int id = TrState.intParam("dashboard_id", r.pathParam("dashboard_id"));
        TrDashboard d = state.dashboards.remove(id);
        if (d == null) {
            return TrErrors.error(404, null, "No dashboard with id " + id + " exists in the account.");
        }
        d.hooks.values().forEach(h -> h.enabled = false);
        state.record(r, "dashboard", String.valueOf(id), "deleted");
        return SandboxResponse.empty(204);
    }

    private SandboxResponse provisioning(SandboxRequest r) {
        String area = r.queryParam("area_code", "");
        if (!area.matches("[2-9]\\d\\d")) {
            throw new BadRequestException("A three digit area code must be supplied.");
        }
        List<String> numbers = new ArrayList<>();
        for (int i = 0; numbers.size() < 30; i++) {
            String n = "1" + area + "555" + String.format("%04d", 2000 + i * 37 % 8000);
            if (state.dashboards.values().stream().noneMatch(d -> d.phone.equals(n)) && !numbers.contains(n)) {
                numbers.add(n);
            }
        }
        return SandboxResponse.json(200, numbers);
    }
}
