package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.BAD_REQUEST;
import static org.example.onem2m.primitive.ResponseStatusCode.UPDATED;
import static org.junit.Assert.assertEquals;

import org.example.mgmtobj.impl.store.StoredResource;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * reportingSchedule ({@code rpsc}) and measurementSchedule ({@code mesc}) of a dataCollection are a list of
 * m2m:scheduleEntries, as ACME has them (FACTS.md 1.4). The single object clients of this CSE sent before is
 * accepted too; the list form is what is stored and answered.
 */
public class ScheduleEntriesTest {
    private static final String LIST = "[{\"sce\":[\"0 0 * * * * *\"]}]";
    private static final String ONE_OBJECT = "{\"sce\":[\"0 0 * * * * *\"]}";

    private final TreeFixture tree = new TreeFixture();

    @Before
    public void givenADeviceNode() {
        ri(tree.createNode("dev1"));
    }

    /** A dataCollection "dc" under dev1 with the given members besides rn, mgd and cntp. */
    private String dataCollection(String members) {
        return "{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/in-cse/in-name/ae1/cnt1\"," + members + "}}";
    }

    private JsonElement retrieved(String name) {
        return attributes(tree.retrieve(CSE + "/dev1/dc")).get(name);
    }

    @Test
    public void aReportingScheduleInTheListFormIsAcceptedAndAnsweredAsAList() {
        ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + LIST)));
        assertEquals(JsonParser.parseString(LIST), retrieved("rpsc"));
    }

    @Test
    public void aReportingScheduleAsOneObjectIsAcceptedAndAnsweredAsAList() {
        ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + ONE_OBJECT)));
        assertEquals(JsonParser.parseString(LIST), retrieved("rpsc"));
    }

    @Test
    public void theAnswerToACreateCarriesTheListForm() {
        assertEquals(JsonParser.parseString(LIST), attributes(tree.createMo("dev1", dataCollection("\"rpsc\":" + ONE_OBJECT))).get("rpsc"));
    }

    @Test
    public void aMeasurementScheduleAsOneObjectIsAnsweredAsAList() {
        ri(tree.createMo("dev1", dataCollection("\"mesc\":" + ONE_OBJECT)));
        assertEquals(JsonParser.parseString(LIST), retrieved("mesc"));
    }

    @Test
    public void aScheduleIsStoredInTheListFormWhicheverFormWasSent() {
        String ri = ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + ONE_OBJECT)));
        StoredResource stored = tree.store.loadAll().stream().filter(r -> r.resourceId().equals(ri)).findFirst().orElseThrow();
        assertEquals(JsonParser.parseString(LIST), stored.attributes().get("rpsc"));
    }

    @Test
    public void aScheduleUpdatedAsOneObjectIsAnsweredAsAList() {
        ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + LIST)));
        assertEquals(UPDATED, tree.update(CSE + "/dev1/dc", "{\"dcfg:datc\":{\"rpsc\":{\"sce\":[\"0 30 * * * * *\"]}}}").status());
        assertEquals(JsonParser.parseString("[{\"sce\":[\"0 30 * * * * *\"]}]"), retrieved("rpsc"));
    }

    @Test
    public void aListOfSeveralScheduleEntriesIsKeptInOrder() {
        String two = "[{\"sce\":[\"0 0 * * * * *\"]},{\"sce\":[\"0 30 6 * * 1-5 *\",\"0 0 12 * * * *\"]}]";
        ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + two)));
        assertEquals(JsonParser.parseString(two), retrieved("rpsc"));
    }

    @Test
    public void theEnrolmentFunctionsSeeTheListForm() {
        String ri = ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + ONE_OBJECT)));
        assertEquals(java.util.List.of(java.util.Map.of("sce", java.util.List.of("0 0 * * * * *"))),
                tree.engine.mgmtObj(ri).orElseThrow().attribute("reportingSchedule").orElseThrow());
    }

    @Test
    public void anEmptyScheduleListIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", dataCollection("\"rpsc\":[]")), BAD_REQUEST, "non-empty list of m2m:scheduleEntries");
    }

    @Test
    public void aScheduleListHoldingSomethingElseThanScheduleEntriesIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", dataCollection("\"rpsc\":[\"0 0 * * * * *\"]")), BAD_REQUEST,
                "m2m:scheduleEntries");
    }

    @Test
    public void scheduleEntriesWithoutSceAreRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", dataCollection("\"rpsc\":[{\"sch\":[\"0 0 * * * * *\"]}]")), BAD_REQUEST,
                "m2m:scheduleEntries");
    }

    @Test
    public void scheduleEntriesWithAnEmptySceAreRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", dataCollection("\"rpsc\":[{\"sce\":[]}]")), BAD_REQUEST,
                "m2m:scheduleEntries");
    }

    @Test
    public void aScheduleEntryWithoutSevenFieldsIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", dataCollection("\"rpsc\":[{\"sce\":[\"0 0 * * *\"]}]")), BAD_REQUEST,
                "seven space-separated fields");
    }

    @Test
    public void aBadScheduleInAnUpdateChangesNothing() {
        ri(tree.createMo("dev1", dataCollection("\"rpsc\":" + LIST)));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/dc", "{\"dcfg:datc\":{\"rpsc\":[{\"sce\":[\"hourly\"]}]}}"), BAD_REQUEST,
                "m2m:scheduleEntries");
        assertEquals(JsonParser.parseString(LIST), retrieved("rpsc"));
    }

    @Test
    public void aMeasurementScheduleInTheListFormTogetherWithMeasurementIntervalIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", dataCollection("\"mesc\":" + LIST + ",\"meil\":60")), BAD_REQUEST, "not both");
    }

    @Test
    public void aMeasurementScheduleInTheListFormAddedToAMeasurementIntervalIsRefusedInAnUpdate() {
        ri(tree.createMo("dev1", dataCollection("\"meil\":60")));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/dc", "{\"dcfg:datc\":{\"mesc\":" + LIST + "}}"), BAD_REQUEST, "not both");
    }
}
