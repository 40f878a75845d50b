package dev.smskamelets.core.deadletter;

/** Test stand-in for the HTTP core's typed exception: carries what {@link DescribedFailure} asks for. */
class VendorFailure extends RuntimeException implements DescribedFailure {
    private final int status;
    private final String code;

    VendorFailure(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    @Override
    public String vendor() {
        return "listrak-sms";
    }

    @Override
    public String operation() {
        return "ContactUnsubscribe";
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String vendorCode() {
        return code;
    }

    @Override
    public int attempts() {
        return 3;
    }
}
