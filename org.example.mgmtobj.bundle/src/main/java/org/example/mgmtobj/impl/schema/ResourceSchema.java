package org.example.mgmtobj.impl.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.mgmtobj.api.AttributeSpec;
import org.example.mgmtobj.api.Specialization;

/**
 * The attributes one resource type accepts, keyed by JSON short name: a specialization's, or {@code <node>}'s.
 * Immutable; a specialization's is made once (every CREATE and UPDATE of a mgmtObj asks for it).
 */
public final class ResourceSchema {
    private static final Map<Specialization, ResourceSchema> BY_SPECIALIZATION = bySpecialization();

    private final String typeName;
    private final Map<String, AttributeSpec> byShortName = new LinkedHashMap<>();

    private ResourceSchema(String typeName, Collection<AttributeSpec> attributes) {
        this.typeName = typeName;
        for (AttributeSpec spec : attributes) byShortName.put(spec.shortName(), spec);
    }

    /** The universal and common attributes, then the specialization's own. */
    public static ResourceSchema of(Specialization specialization) {
        return BY_SPECIALIZATION.get(specialization);
    }

    private static Map<Specialization, ResourceSchema> bySpecialization() {
        Map<Specialization, ResourceSchema> schemas = new EnumMap<>(Specialization.class);
        for (Specialization specialization : Specialization.values()) {
            List<AttributeSpec> all = new ArrayList<>(Specialization.COMMON_ATTRIBUTES);
            all.addAll(specialization.attributes());
            schemas.put(specialization, new ResourceSchema(specialization.longName(), all));
        }
        return schemas;
    }

    public static ResourceSchema of(String typeName, List<AttributeSpec> attributes) {
        return new ResourceSchema(typeName, attributes);
    }

    public String typeName() { return typeName; }

    public Optional<AttributeSpec> attribute(String shortName) {
        return Optional.ofNullable(byShortName.get(shortName));
    }

    public Collection<AttributeSpec> attributes() { return Collections.unmodifiableCollection(byShortName.values()); }
}
