package dev.smskamelets.sandbox;

import java.util.List;

/** The simulated vendor APIs one sandbox serves. Add a new API here. */
final class SandboxApis {

    private SandboxApis() {
    }

    static List<VendorApi> all(SandboxContext context) {
        return List.of(
                new dev.smskamelets.sandbox.textrequest.TextRequestApi(context),
                new dev.smskamelets.sandbox.textable.TextableApi(context)
        );
    }
}
