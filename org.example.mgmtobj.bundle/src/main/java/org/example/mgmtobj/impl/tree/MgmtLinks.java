package org.example.mgmtobj.impl.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.example.mgmtobj.impl.store.StoredResource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The mgmtLinks of the readers' resources, by what they name: "which MOs link to this one" (the parent MO nodes of
 * TS-0003 8.3.9.9.2) without reading every sibling. A link's val is a resourceID, or an address whose last segment is
 * the target's resourceID (unstructured) or resourceName (structured), so each link is filed under that last segment,
 * and a target's candidates are those filed under its resourceID or its resourceName. Nothing is resolved when a link
 * is filed (a linking MO may be loaded before its target); the caller checks each candidate.
 */
final class MgmtLinks {
    private static final byte[] LINKS = StoredResource.memberPattern("cmlk");

    /** last segment of a val → the resourceIDs of the MOs whose links end in it */
    private final Map<String, Set<String>> byName = new ConcurrentHashMap<>();
    /** resourceID of a linking MO → the last segments of its links */
    private final Map<String, List<String>> ofMo = new ConcurrentHashMap<>();

    /** Files the links of {@code r} (replacing those of its previous version). One byte scan for a resource without links. */
    void put(StoredResource r) {
        remove(r.resourceId());
        if (r.resourceType() != ResourceTypes.MGMT_OBJ || !r.mayHaveMember(LINKS)) return;
        JsonElement cmlk = r.attributes().get("cmlk");
        if (cmlk == null || !cmlk.isJsonArray()) return;
        List<String> segments = new ArrayList<>();
        for (JsonElement e : cmlk.getAsJsonArray()) {
            JsonElement val = e.isJsonObject() ? ((JsonObject) e).get("val") : null;
            if (val == null || !val.isJsonPrimitive()) continue;
            String v = val.getAsString().replaceAll("/+$", ""); // the tree's addresses skip empty segments
            String segment = v.substring(v.lastIndexOf('/') + 1);
            if (segment.isEmpty()) continue;
            segments.add(segment);
            byName.computeIfAbsent(segment, k -> ConcurrentHashMap.newKeySet()).add(r.resourceId());
        }
        if (!segments.isEmpty()) ofMo.put(r.resourceId(), segments);
    }

    void remove(String resourceId) {
        List<String> segments = ofMo.remove(resourceId);
        if (segments == null) return;
        for (String segment : segments) {
            byName.computeIfPresent(segment, (k, mos) -> {
                mos.remove(resourceId);
                return mos.isEmpty() ? null : mos;
            });
        }
    }

    /** The resourceIDs of the MOs with a link that may name {@code target}. */
    Set<String> mayName(StoredResource target) {
        Set<String> found = new java.util.HashSet<>(byName.getOrDefault(target.resourceId(), Set.of()));
        found.addAll(byName.getOrDefault(target.resourceName(), Set.of()));
        return found;
    }
}
