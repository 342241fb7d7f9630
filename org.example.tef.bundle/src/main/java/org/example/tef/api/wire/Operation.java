package org.example.tef.api.wire;

/** oneM2M operations (TS-0004 m2m:operation) and their HTTP methods (TS-0009 6.2.1). */
public enum Operation {
    CREATE("POST"), RETRIEVE("GET"), UPDATE("PUT"), DELETE("DELETE");

    private final String httpMethod;

    Operation(String httpMethod) { this.httpMethod = httpMethod; }

    public String httpMethod() { return httpMethod; }

    public static Operation ofHttpMethod(String method) {
        for (Operation op : values()) if (op.httpMethod.equals(method)) return op;
        throw new IllegalArgumentException("HTTP method " + method + " has no oneM2M operation");
    }
}
