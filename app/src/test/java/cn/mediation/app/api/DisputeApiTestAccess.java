package cn.mediation.app.api;

import java.util.Map;

/** Lends other packages' tests the API tests' sample registration. */
public final class DisputeApiTestAccess {

    private DisputeApiTestAccess() {
    }

    public static Map<String, Object> registration() {
        return DisputeApiTest.registration(null);
    }
}
