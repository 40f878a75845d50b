package dev.smskamelets.sandbox;

import dev.smskamelets.sandbox.listrak.ListrakApis;
import java.util.ArrayList;
import java.util.List;

/** The simulated vendor APIs one sandbox serves. Add a new API here. */
final class SandboxApis {

    private SandboxApis() {
    }

    static List<VendorApi> all(SandboxContext context) {
        List<VendorApi> apis = new ArrayList<>();
        apis.addAll(ListrakApis.create(context));
        return apis;
    }
}
