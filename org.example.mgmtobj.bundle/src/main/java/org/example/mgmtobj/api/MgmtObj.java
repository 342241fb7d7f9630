package org.example.mgmtobj.api;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of one TS-0022 {@code <mgmtObj>} resource as it is stored in the resource tree.
 *
 * <p>Attribute values are plain Java values converted from oneM2M JSON: {@link String}, {@link Long},
 * {@link Boolean}, {@link List} and {@link Map}. {@link #json()} gives the exact representation.
 */
public final class MgmtObj {
    private final String resourceId;
    private final String resourceName;
    private final String nodeId;
    private final Specialization specialization;
    private final Instant expirationTime;
    private final List<String> labels;
    private final List<MgmtLink> links;
    private final Map<String, Object> attributes;
    private final String json;

    public MgmtObj(String resourceId, String resourceName, String nodeId, Specialization specialization,
                   Instant expirationTime, List<String> labels, List<MgmtLink> links,
                   Map<String, Object> attributes, String json) {
        this.resourceId = Objects.requireNonNull(resourceId);
        this.resourceName = Objects.requireNonNull(resourceName);
        this.nodeId = Objects.requireNonNull(nodeId);
        this.specialization = Objects.requireNonNull(specialization);
        this.expirationTime = expirationTime;
        this.labels = List.copyOf(labels);
        this.links = List.copyOf(links);
        this.attributes = Collections.unmodifiableMap(attributes);
        this.json = Objects.requireNonNull(json);
    }

    /** {@code ri}. */
    public String resourceId() { return resourceId; }

    /** {@code rn}. */
    public String resourceName() { return resourceName; }

    /** {@code pi}: the resource ID of the parent {@code <node>}. */
    public String nodeId() { return nodeId; }

    public Specialization specialization() { return specialization; }

    /** {@code et}, if the resource has one. */
    public Optional<Instant> expirationTime() { return Optional.ofNullable(expirationTime); }

    /** {@code lbl}. */
    public List<String> labels() { return labels; }

    /** {@code cmlk}. */
    public List<MgmtLink> links() { return links; }

    /** Every attribute of the representation, keyed by JSON short name. */
    public Map<String, Object> attributes() { return attributes; }

    /** An attribute by its TS-0022 long name, e.g. {@code attribute("fqdn")}; empty when absent. */
    public Optional<Object> attribute(String longName) {
        return Optional.ofNullable(attributes.get(specialization.shortNameOf(longName)));
    }

    /** A string-valued attribute by its TS-0022 long name. */
    public Optional<String> stringAttribute(String longName) {
        return attribute(longName).map(String::valueOf);
    }

    /** An integer-valued attribute by its TS-0022 long name. */
    public Optional<Long> longAttribute(String longName) {
        return attribute(longName).map(v -> ((Number) v).longValue());
    }

    /** The oneM2M JSON representation, wrapped in the specialization's short name. */
    public String json() { return json; }

    @Override
    public String toString() {
        return specialization.longName() + " " + resourceId + " (" + resourceName + ") under " + nodeId;
    }
}
