package org.example.mgmtobj.impl.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.mgmtobj.api.AttributeSpec;
import org.example.mgmtobj.api.Specialization;

/** The attributes one resource type accepts, keyed by JSON short name: a specialization's, or {@code <node>}'s. */
public final class ResourceSchema {
    private final String typeName;
    private final Map<String, AttributeSpec> byShortName = new LinkedHashMap<>();

    private ResourceSchema(String typeName, Collection<AttributeSpec> attributes) {
        this.typeName = typeName;
        for (AttributeSpec spec : attributes) byShortName.put(spec.shortName(), spec);
    }

    public static ResourceSchema of(Specialization specialization) {
        List<AttributeSpec> all = new java.util.ArrayList<>(Specialization.COMMON_ATTRIBUTES);
        all.addAll(specialization.attributes());
        return new ResourceSchema(specialization.longName(), all);
    }

    public static ResourceSchema of(String typeName, List<AttributeSpec> attributes) {
        return new ResourceSchema(typeName, attributes);
    }

    public String typeName() { return typeName; }

    public Optional<AttributeSpec> attribute(String shortName) {
        return Optional.ofNullable(byShortName.get(shortName));
    }

    public Collection<AttributeSpec> attributes() { return byShortName.values(); }
}
