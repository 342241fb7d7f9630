package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.ResponseStatusCode;

import static org.example.onem2m.primitive.ResponseStatusCode.BAD_REQUEST;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.example.mgmtobj.api.AttributeSpec;
import org.example.mgmtobj.api.Optionality;
import org.example.mgmtobj.api.Specialization;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/** Driven by the specialization table itself: each mandatory attribute is required and each attribute's type is checked. */
@RunWith(Parameterized.class)
public class EverySpecializationValidatesTest {

    @Parameters(name = "{0}")
    public static Collection<Object[]> specializations() {
        List<Object[]> all = new ArrayList<>();
        for (Specialization s : Specialization.values()) all.add(new Object[] {s});
        return all;
    }

    private final Specialization specialization;
    private final TreeFixture tree = new TreeFixture();

    public EverySpecializationValidatesTest(Specialization specialization) {
        this.specialization = specialization;
        TreeFixture.ri(tree.createNode("dev1"));
    }

    private JsonObject example() {
        return JsonParser.parseString(DeviceConfigurationLifecycleTest.EXAMPLES.get(specialization)).getAsJsonObject()
                .getAsJsonObject(specialization.shortName());
    }

    private String wrap(JsonObject attributes) {
        JsonObject body = new JsonObject();
        body.add(specialization.shortName(), attributes);
        return body.toString();
    }

    @Test
    public void theExampleIsValid() {
        assertEquals(201, tree.createMo("dev1", wrap(example())).status().httpStatus());
    }

    @Test
    public void eachMandatoryAttributeIsRequired() {
        int checked = 0;
        for (AttributeSpec spec : specialization.attributes()) {
            if (spec.create() != Optionality.M) continue;
            JsonObject without = example();
            assertTrue("the example should carry " + spec, without.remove(spec.shortName()) != null);
            tree.refusedWithoutChange(() -> tree.createMo("dev1", wrap(without)), BAD_REQUEST,
                    "missing mandatory attribute '" + spec.shortName() + "'");
            checked++;
        }
        if (specialization == Specialization.REGISTRATION) assertEquals("registration has no mandatory attribute", 0, checked);
        else assertTrue(specialization + " declares a mandatory attribute", checked > 0);
    }

    @Test
    public void eachAttributeOfTheExampleIsTypeChecked() {
        for (Map.Entry<String, JsonElement> attribute : example().entrySet()) {
            if (attribute.getKey().equals("rn") || attribute.getKey().equals("mgd")) continue;
            JsonObject wrong = example();
            wrong.add(attribute.getKey(), wrongTypeFor(attribute.getValue()));
            tree.refusedWithoutChange(() -> tree.createMo("dev1", wrap(wrong)), BAD_REQUEST, "'" + attribute.getKey() + "'");
        }
    }

    /** A string where a number, list or object belongs, a number where a string belongs. */
    private static JsonElement wrongTypeFor(JsonElement value) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) return new JsonPrimitive(12345);
        return new JsonPrimitive("text");
    }
}
