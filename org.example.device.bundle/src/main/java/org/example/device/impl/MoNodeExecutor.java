package org.example.device.impl;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The MO_NODE MEF Client Command (TS-0003 8.3.9.9.1) on the device side: the MEF asks the client to process an MO node
 * already configured to the device. Steps 4a and 4b (the node is there and of the named type), the
 * [authenticationProfile] argument check of 8.3.9.9.2, and then the same processing as the node's creation (the
 * {@link MoProcessor} on the MO's lane of the {@link EnrolmentEngine}), waited for within a bound. Given to the MEF
 * Clients of {@link DeviceClients} only, not registered as a service: MO_NODE commands name this device's MOs.
 * <p>
 * Codes (12.3.2.4): 20 OK, 300 NOT_FOUND, 301 TYPE_CONFLICT, 302 BAD_ARGS, 303 UNACCEPTABLE_ARGS, 304 INCONSISTENT_CONFIG
 * and 305 EXECUTION_ERROR (8.3.9.5.18: PROCESSING_FAILED), as the processing's {@link MoFailure} says, or on time-out.
 */
final class MoNodeExecutor implements MefCommandExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(MoNodeExecutor.class);
    static final int OK = 20, NOT_FOUND = 300, TYPE_CONFLICT = 301, BAD_ARGS = 302, UNACCEPTABLE_ARGS = 303;

    /** objectTypeID (8.3.9.9.1) → the specialization it names. */
    private static final Map<Integer, Specialization> SPECIALIZATIONS = Map.of(
            1, Specialization.AUTHENTICATION_PROFILE, 2, Specialization.TRUST_ANCHOR_CRED, 3, Specialization.MAF_CLIENT_REG_CFG);

    private final ResourceTree tree;
    private final String cseId, adminOriginator;
    private final Function<MgmtObj, CompletableFuture<Optional<String>>> processing;
    private final Duration timeout;

    /** @param processing queues the MO's processing as if it had been created and tells its result ({@link EnrolmentEngine#processForCommand}) */
    MoNodeExecutor(ResourceTree tree, String cseId, String adminOriginator, Function<MgmtObj, CompletableFuture<Optional<String>>> processing,
                   Duration timeout) {
        this.tree = tree;
        this.cseId = cseId;
        this.adminOriginator = adminOriginator;
        this.processing = processing;
        this.timeout = timeout;
    }

    @Override
    public int cmdClassId() { return 3; }

    @Override
    public int execute(MefCommand command) throws InterruptedException {
        Optional<String> objectPath = command.objectPath();
        OptionalInt objectTypeId = command.objectTypeId();
        if (objectPath.isEmpty() || objectTypeId.isEmpty() || !SPECIALIZATIONS.containsKey(objectTypeId.getAsInt())) {
            // 8.3.9.9.2 step 1: arguments that do not parse are MO_NODE_BAD_ARGS
            LOG.info("MO_NODE {}: cmdArgs do not parse: {}", command.cmdId(), command.argumentFault().orElse("no objectPath or objectTypeID"));
            return BAD_ARGS;
        }
        // 4a
        Optional<MgmtObj> found = find(objectPath.get());
        if (found.isEmpty()) {
            LOG.info("MO_NODE {}: no MO node at objectPath {} (8.3.9.9.1 step 4a)", command.cmdId(), objectPath.get());
            return NOT_FOUND;
        }
        MgmtObj mo = found.get();
        // 4b
        Specialization expected = SPECIALIZATIONS.get(objectTypeId.getAsInt());
        if (mo.specialization() != expected) {
            LOG.info("MO_NODE {}: {} is a {}, objectTypeID {} names {} (8.3.9.9.1 step 4b)", command.cmdId(), mo.resourceId(),
                    mo.specialization().longName(), objectTypeId.getAsInt(), expected.longName());
            return TYPE_CONFLICT;
        }
        // 8.3.9.9.2 step 3: objectTypeSpecificArgs.SUID must be the node's. UNACCEPTABLE_ARGS is the code the clause names
        // for it: the arguments parsed (not BAD_ARGS) and the node is there with its type (not 300/301), but the MEF's
        // expectation of the node is not what the device holds; INCONSISTENT_CONFIG (304) is for the device's MO graph
        // breaking a rule of 8.3.9.9.2 (step 4), which is checked afterwards by the processing itself.
        Optional<Long> suid = expected == Specialization.AUTHENTICATION_PROFILE ? mo.longAttribute("SUID") : Optional.empty();
        OptionalInt asked = command.objectSuid();
        if (expected == Specialization.AUTHENTICATION_PROFILE && asked.isEmpty()) {
            LOG.info("MO_NODE {}: no SUID in objectTypeSpecificArgs of an [authenticationProfile] (8.3.9.9.2 step 1)", command.cmdId());
            return BAD_ARGS;
        }
        if (expected == Specialization.AUTHENTICATION_PROFILE && (suid.isEmpty() || suid.get().longValue() != asked.getAsInt())) {
            LOG.info("MO_NODE {}: the SUID {} in objectTypeSpecificArgs is not the SUID {} of {} (8.3.9.9.2 step 3)", command.cmdId(),
                    asked.getAsInt(), suid.map(String::valueOf).orElse("(none)"), mo.resourceId());
            return UNACCEPTABLE_ARGS;
        }
        // step 5: the processing of the node's creation (8.3.9.9.2 step 4 topology → 304, 8.3.9.9.4 → 305), bounded
        CompletableFuture<Optional<String>> result = processing.apply(mo);
        try {
            Optional<String> done = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("MO_NODE {}: {} processed: {}", command.cmdId(), mo.resourceId(), done.orElse("nothing to do"));
            return OK;
        } catch (TimeoutException e) {
            result.cancel(false); // not started yet: it will not be; started: it ends, and its state shows in enrolment:status
            LOG.warn("MO_NODE {}: the processing of {} did not end within {}", command.cmdId(), mo.resourceId(), timeout);
            return MoFailure.PROCESSING_FAILED;
        } catch (InterruptedException e) {
            result.cancel(false);
            throw e; // the client is stopping: it reports nothing, and the MEF issues the command again
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MoFailure) {
                MoFailure f = (MoFailure) e.getCause();
                LOG.info("MO_NODE {}: processing {} failed ({}): {}", command.cmdId(), mo.resourceId(), f.statusCode, f.getMessage());
                return f.statusCode;
            }
            LOG.warn("MO_NODE {}: processing {} failed", command.cmdId(), mo.resourceId(), e.getCause());
            return MoFailure.PROCESSING_FAILED;
        }
    }

    /**
     * The MO node at {@code objectPath}. 8.3.9.9.1 says only "the path of the MO node"; its type is an xs:anyURI (12.4.9).
     * Accepted are the forms of a oneM2M resource address (TS-0001 9.3.1), since the MEF knows the device's MOs as the
     * resources of its CSE: SP-relative ({@code /in-cse/in-name/dev1/ap1} structured, {@code /in-cse/ap1} unstructured),
     * absolute ({@code //sp/in-cse/...}, taken as SP-relative: this tree is the only one the client can look into) and
     * CSE-relative ({@code in-name/dev1/ap1} structured, or a bare resourceID {@code ap1}), which is made SP-relative with
     * this device's CSE-ID. The address is then resolved by a RETRIEVE the tree serves as it serves any request (as the
     * admin originator of the symmKeyID write), so that both addressing schemes mean exactly what they mean for the
     * tree, and not a second resolver here; a resolution other than a mgmtObj is NOT_FOUND.
     */
    Optional<MgmtObj> find(String objectPath) {
        String path = objectPath;
        if (path.startsWith("//")) {
            int sp = path.indexOf('/', 2);
            if (sp < 0) return Optional.empty();
            path = path.substring(sp);
        } else if (!path.startsWith("/")) {
            path = "/" + cseId + "/" + path;
        }
        ResponsePrimitive r = tree.handle(RequestPrimitive.of(Operation.RETRIEVE, path).from(adminOriginator)
                .requestId("mef-mo-node-" + UUID.randomUUID()).build());
        if (!r.status().isSuccess()) {
            if (r.status() != ResponseStatusCode.NOT_FOUND) LOG.warn("MO_NODE: retrieving {} failed: {}", path, r);
            return Optional.empty();
        }
        try {
            JsonObject body = JsonParser.parseString(r.content()).getAsJsonObject();
            if (body.size() != 1) return Optional.empty();
            JsonElement resource = body.entrySet().iterator().next().getValue();
            JsonElement ri = resource.isJsonObject() ? resource.getAsJsonObject().get("ri") : null;
            return ri == null || !ri.isJsonPrimitive() ? Optional.empty() : tree.mgmtObj(ri.getAsString());
        } catch (RuntimeException e) {
            LOG.warn("MO_NODE: the representation of {} is not understood: {}", path, e.toString());
            return Optional.empty();
        }
    }
}
