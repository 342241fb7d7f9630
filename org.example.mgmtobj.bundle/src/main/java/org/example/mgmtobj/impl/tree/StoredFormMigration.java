package org.example.mgmtobj.impl.tree;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.CanonicalForms;
import org.example.mgmtobj.impl.schema.NodeSchema;
import org.example.mgmtobj.impl.schema.ResourceSchema;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * Brings resources stored by earlier versions to today's form, once, when the tree starts: a resource without
 * expirationTime gets the default lifetime from now (TS-0001 9.6.1.3: every resource has one), and a schedule
 * stored as a single {@code m2m:scheduleEntries} object becomes the list form ({@link CanonicalForms}). The
 * rewritten resources are written as one durable batch; a second start finds nothing to do and writes nothing.
 */
final class StoredFormMigration {
    /** The engine's category, so operators' log configuration for the tree keeps working. */
    private static final Logger LOG = LoggerFactory.getLogger(ResourceTreeEngine.class);

    private StoredFormMigration() {}

    private static final String REPORTING_SCHEDULE = Specialization.DATA_COLLECTION.shortNameOf("reportingSchedule");
    private static final String MEASUREMENT_SCHEDULE = Specialization.DATA_COLLECTION.shortNameOf("measurementSchedule");
    private static final byte[] REPORTING_SCHEDULE_MEMBER = StoredResource.memberPattern(REPORTING_SCHEDULE);
    private static final byte[] MEASUREMENT_SCHEDULE_MEMBER = StoredResource.memberPattern(MEASUREMENT_SCHEDULE);

    /** The stored resources in today's form; those that changed were written back to the store first. */
    static List<StoredResource> migrate(Collection<StoredResource> loaded, ResourceStore store, ExpirationTimes expirationTimes, Instant now) {
        List<StoredResource> result = new ArrayList<>(loaded.size());
        List<StoredResource> rewritten = new ArrayList<>();
        int withoutEt = 0;
        int schedules = 0;
        for (StoredResource r : loaded) {
            // Nothing to do, and nothing to parse, for a resource with an expirationTime and no schedule: every start
            // after the first.
            if (r.expirationTime() != null && !r.mayHaveMember(REPORTING_SCHEDULE_MEMBER)
                    && !r.mayHaveMember(MEASUREMENT_SCHEDULE_MEMBER)) {
                result.add(r);
                continue;
            }
            JsonObject attributes = r.attributes();
            boolean changed = false;
            if (!attributes.has("et")) {
                attributes.addProperty("et", expirationTimes.defaultFrom(now));
                withoutEt++;
                changed = true;
            }
            ResourceSchema schema = schemaOf(r);
            JsonObject canonical = schema == null ? attributes : CanonicalForms.of(schema, attributes);
            if (!canonical.equals(attributes)) {
                attributes = canonical;
                schedules++;
                changed = true;
            }
            StoredResource current = changed ? new StoredResource(r.wrapper(), attributes) : r;
            if (changed) rewritten.add(current);
            result.add(current);
        }
        if (!rewritten.isEmpty()) {
            store.write(rewritten, List.of());
            LOG.info("migrated {} stored resource(s) to the current form: {} without expirationTime got the default lifetime "
                    + "(until {}), {} had a schedule rewritten as a list of m2m:scheduleEntries", rewritten.size(), withoutEt,
                    expirationTimes.defaultFrom(now), schedules);
        }
        return result;
    }

    private static ResourceSchema schemaOf(StoredResource r) {
        if (r.resourceType() == NodeSchema.TY) return NodeSchema.SCHEMA;
        if (r.resourceType() == org.example.mgmtobj.impl.schema.RemoteCseSchema.TY) return org.example.mgmtobj.impl.schema.RemoteCseSchema.SCHEMA;
        return Specialization.byShortName(r.wrapper()).map(ResourceSchema::of).orElse(null);
    }
}
