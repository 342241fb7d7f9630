package org.example.mgmtobj.impl.registrar;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CseRegistrationConfiguration.PID, name = "Registration of the device-configuration tree with a host CSE",
        description = "Registers this tree as a <remoteCSE> with a host CSE (such as Eclipse OM2M) over the oneM2M HTTP binding (TS-0001"
                + " 10.1.1.2.1), so that the host forwards requests for /~/{cseId}/... to it. The tree's CSE-ID, name and admin"
                + " originator are those of PID org.example.mgmtobj.")
public @interface CseRegistrationConfiguration {
    String PID = "org.example.mgmtobj.registration";

    @AttributeDefinition(name = "Registrar CSEBase URL", description = "The host CSE's CSEBase over HTTP, e.g. http://127.0.0.1:8080/~/in-cse")
    String registrarUrl();

    @AttributeDefinition(name = "Originator", description = "X-M2M-Origin of the requests to the host CSE (OM2M's admin: admin:admin).")
    String originator() default "admin:admin";

    @AttributeDefinition(name = "Point of access", description = "Where the host CSE reaches this tree: the URL before /~/, e.g. http://127.0.0.1:8080/tef")
    String pointOfAccess();

    @AttributeDefinition(name = "SP-ID", description = "This CSE's SP-ID, for its absolute CSEBase //{spId}/{cseId} (cb).")
    String spId() default "om2m.org";

    @AttributeDefinition(name = "CSE type", description = "cseType of this CSE at the registrar: 1 IN, 2 MN, 3 ASN.")
    int cseType() default 2;

    @AttributeDefinition(name = "Check interval (s)", description = "How often the registration at the host is checked, and made again when gone.")
    long checkIntervalSeconds() default 60;

    @AttributeDefinition(name = "Retry delay (ms)", description = "The delay before a failed registration is tried again (doubled up to the check interval).")
    long retryMillis() default 2000;

    @AttributeDefinition(name = "De-register on stop", description = "Delete the <remoteCSE> at the host when this component stops (and the host's here).")
    boolean deregisterOnStop() default false;
}
