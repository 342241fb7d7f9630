package org.example.mgmtobj.api;

/** The oneM2M operations the resource tree serves (TS-0004 m2m:operation 1..4). */
public enum Operation {
    CREATE, RETRIEVE, UPDATE, DELETE
}
