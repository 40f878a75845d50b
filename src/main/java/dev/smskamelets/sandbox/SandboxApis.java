package dev.smskamelets.sandbox;

import dev.smskamelets.sandbox.listrak.ListrakApis;
import dev.smskamelets.sandbox.textable.TextableApi;
import dev.smskamelets.sandbox.textrequest.TextRequestApi;
import java.util.ArrayList;
import java.util.List;

/** The simulated vendor APIs one sandbox serves. Add a new API here. */
final class SandboxApis {

    private SandboxApis() {
    }

    static List<VendorApi> all(SandboxContext context) {
        List<VendorApi> apis = new ArrayList<>(ListrakApis.create(context));
        apis.add(new TextRequestApi(context));
        apis.add(new TextableApi(context));
        return apis;
    }
}
