package org.example.mgmtobj.impl.schema;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.example.mgmtobj.api.AttributeSpec;
import org.example.mgmtobj.api.Specialization;
import org.junit.Test;

/** A specialization's schema is made once and shared: it must be that specialization's, whole and unchangeable. */
public class ResourceSchemaTest {

    @Test
    public void eachSpecializationsSchemaIsTheCommonAttributesThenItsOwn() {
        for (Specialization s : Specialization.values()) {
            ResourceSchema schema = ResourceSchema.of(s);
            List<AttributeSpec> expected = new ArrayList<>(Specialization.COMMON_ATTRIBUTES);
            expected.addAll(s.attributes());
            assertEquals(s.longName(), schema.typeName());
            assertEquals(s.longName(), expected, new ArrayList<>(schema.attributes()));
            for (AttributeSpec spec : expected) assertEquals(spec, schema.attribute(spec.shortName()).orElseThrow());
        }
    }

    @Test
    public void aSharedSchemaCannotBeChangedThroughItsAttributes() {
        ResourceSchema schema = ResourceSchema.of(Specialization.DATA_COLLECTION);
        assertThrows(UnsupportedOperationException.class, () -> schema.attributes().clear());
        assertEquals(schema.attributes().size(),
                Specialization.COMMON_ATTRIBUTES.size() + Specialization.DATA_COLLECTION.attributes().size());
    }
}
