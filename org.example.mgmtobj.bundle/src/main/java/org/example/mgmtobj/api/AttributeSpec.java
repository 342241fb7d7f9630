package org.example.mgmtobj.api;

import java.util.Objects;

/**
 * One attribute of a resource type: its long name (as TS-0022 / TS-0003 name it), the short name used in
 * oneM2M JSON, its type and its optionality in CREATE and UPDATE.
 *
 * <p>{@link #provisional()} is true where TS-0022's short-name table could not be obtained and this
 * project chose the name (FACTS.md 1.5); such names may change once the real table is known.
 */
public final class AttributeSpec {
    private final String longName;
    private final String shortName;
    private final AttributeType type;
    private final Optionality create;
    private final Optionality update;
    private final boolean provisional;

    public AttributeSpec(String longName, String shortName, AttributeType type,
                         Optionality create, Optionality update, boolean provisional) {
        this.longName = Objects.requireNonNull(longName);
        this.shortName = Objects.requireNonNull(shortName);
        this.type = Objects.requireNonNull(type);
        this.create = Objects.requireNonNull(create);
        this.update = Objects.requireNonNull(update);
        this.provisional = provisional;
    }

    public String longName() { return longName; }
    public String shortName() { return shortName; }
    public AttributeType type() { return type; }
    public Optionality create() { return create; }
    public Optionality update() { return update; }
    public boolean provisional() { return provisional; }

    @Override
    public String toString() {
        return longName + " (" + shortName + ", " + type + ", " + create + "/" + update + (provisional ? ", provisional" : "") + ")";
    }
}
