package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.BAD_REQUEST;
import static org.example.onem2m.primitive.ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE;
import static org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND;
import static org.example.onem2m.primitive.ResponseStatusCode.OPERATION_NOT_ALLOWED;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.junit.Before;
import org.junit.Test;

/**
 * A request with several faults is refused for the first one in the order the writer checks them: address, type,
 * content, parent, schema. The content is parsed and checked before the write lock (RequestContent); what it finds
 * must still come out at its place in that order.
 */
public class RefusalOrderTest {
    private static final String BAD_JSON = "{\"dcfg:tac\": {\"mgd\": 1024,";
    private static final String BAD_TAC = "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":42}}";
    private final TreeFixture tree = new TreeFixture();

    @Before
    public void givenADeviceNode() {
        ri(tree.createNode("dev1"));
    }

    private RequestPrimitive.Builder create(String to, Integer ty, String json) {
        return RequestPrimitive.of(Operation.CREATE, to).from(TreeFixture.ADMIN).requestId("rq").resourceType(ty).content(json);
    }

    @Test
    public void aMissingParentComesBeforeAnyFaultOfTheContent() {
        tree.refusedWithoutChange(() -> tree.createMo("nodev", BAD_JSON), NOT_FOUND, "no resource at");
        tree.refusedWithoutChange(() -> tree.createMo("nodev", BAD_TAC), NOT_FOUND, "no resource at");
        tree.refusedWithoutChange(() -> tree.engine.handle(create(CSE + "/nodev", null, BAD_JSON).build()), NOT_FOUND, "no resource at");
    }

    @Test
    public void aMissingTypeComesBeforeUnreadableContent() {
        tree.refusedWithoutChange(() -> tree.engine.handle(create(CSE + "/dev1", null, BAD_JSON).build()), BAD_REQUEST, "must say the type");
    }

    @Test
    public void unreadableContentComesBeforeAWrongChildType() {
        tree.refusedWithoutChange(() -> tree.create(CSE, 13, BAD_JSON), BAD_REQUEST, "not valid JSON");
        tree.refusedWithoutChange(() -> tree.create(CSE, 13, "{\"dcfg:tac\":42}"), BAD_REQUEST, "must hold a JSON object");
    }

    @Test
    public void aWrongChildTypeComesBeforeTheSchemaChecks() {
        tree.refusedWithoutChange(() -> tree.create(CSE, 13, BAD_TAC), INVALID_CHILD_RESOURCE_TYPE, "only a <node>");
        tree.refusedWithoutChange(() -> tree.create(CSE + "/dev1", 14, "{\"m2m:nod\":{\"ni\":42}}"), INVALID_CHILD_RESOURCE_TYPE,
                "only a <mgmtObj>");
        tree.refusedWithoutChange(() -> tree.create(CSE, 14, "{\"dcfg:tac\":{\"ni\":42}}"), BAD_REQUEST, "is sent as");
    }

    @Test
    public void theSchemaChecksComeBeforeTheRulesAcrossResources() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", BAD_TAC), BAD_REQUEST, "'cfp'");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:nosuch\":{\"mgd\":1024}}"), BAD_REQUEST, "not a <mgmtObj> specialization");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1021,\"cfp\":\"ab\"}}"), BAD_REQUEST, "mgmtDefinition");
    }

    @Test
    public void anUpdateChecksTheTargetThenTheWrapperThenTheAttributes() {
        String ri = ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"ta\",\"mgd\":1024,\"cfp\":\"ab\"}}"));
        tree.refusedWithoutChange(() -> tree.update(CSE, BAD_JSON), OPERATION_NOT_ALLOWED, "CSEBase cannot be updated");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/nota", BAD_JSON), NOT_FOUND, "no resource at");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ta", BAD_JSON), BAD_REQUEST, "not valid JSON");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ta", "{\"dcfg:datc\":42}"), BAD_REQUEST, "is updated as");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ta", "{\"m2m:nod\":{\"ni\":42}}"), BAD_REQUEST, "is updated as");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ta", "{\"dcfg:tac\":42}"), BAD_REQUEST, "must hold a JSON object");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ta", "{\"dcfg:tac\":{\"cfp\":42}}"), BAD_REQUEST, "'cfp'");
        tree.refusedWithoutChange(() -> tree.update("/in-cse/" + ri, "{\"dcfg:tac\":{\"et\":\"20000101T000000\"}}"), BAD_REQUEST,
                "not in the future");
    }
}
