package org.example.onem2m.primitive;

/** The oneM2M operations (TS-0004 m2m:operation 1..4) and their HTTP methods (TS-0009 6.2.1). */
public enum Operation {
    CREATE(1, "POST"), RETRIEVE(2, "GET"), UPDATE(3, "PUT"), DELETE(4, "DELETE");

    private final int code;
    private final String httpMethod;

    Operation(int code, String httpMethod) {
        this.code = code;
        this.httpMethod = httpMethod;
    }

    /** The m2m:operation value ({@code op}). */
    public int code() { return code; }

    public String httpMethod() { return httpMethod; }

    /** @throws PrimitiveException 4005 for a method that has no oneM2M operation (NOTIFY is not served here) */
    public static Operation ofHttpMethod(String method) {
        for (Operation op : values()) if (op.httpMethod.equals(method)) return op;
        throw new PrimitiveException(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                "HTTP method " + method + " has no oneM2M operation; use POST, GET, PUT or DELETE (TS-0009 6.2.1)");
    }
}
