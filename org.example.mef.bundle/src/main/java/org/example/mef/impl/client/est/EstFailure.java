package org.example.mef.impl.client.est;

/**
 * Why a Certificate Provisioning attempt did not complete, on which side (TS-0003 8.3.9.7 step 6): the server's
 * (communicating with it failed, it refused, or it answered something unusable: CERT_PROV_SERVER_ERROR, 8.3.9.5.9) or
 * the client's own (a key, a CSR or a file it could not make: CERT_PROV_CLIENT_ERROR, 8.3.9.5.10). Messages name no key.
 */
public final class EstFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean serverSide;

    private EstFailure(boolean serverSide, String message, Throwable cause) {
        super(message, cause);
        this.serverSide = serverSide;
    }

    /** The server could not be reached, refused, or answered something the client cannot use. */
    public static EstFailure server(String message, Throwable cause) { return new EstFailure(true, message, cause); }

    public static EstFailure server(String message) { return server(message, null); }

    /** A failure inside the client. */
    public static EstFailure client(String message, Throwable cause) { return new EstFailure(false, message, cause); }

    public boolean serverSide() { return serverSide; }
}
