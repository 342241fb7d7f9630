package org.example.mgmtobj.impl.tree;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.impl.store.StoredResource;
import org.junit.Test;

/**
 * An event is drafted on the store's writer thread and made on the listener's: what it says must not depend on where,
 * or when, it is made. mgmtLinks are resolved against the readers' index as it stood at the commit.
 */
public class PendingEventTest {
    private final TreeConfig config = new TreeConfig("in-cse", "in-name", Set.of("CAdmin"));
    private final ResourceIndex index = new ResourceIndex(config, Clock.systemUTC(), false);
    private final Representations views = new Representations(config, index);

    private static StoredResource resource(String wrapper, String json) {
        return StoredResource.fromJson("{\"" + wrapper + "\":" + json + "}");
    }

    @Test
    public void aLinkIsResolvedAsTheIndexStoodAtTheCommitEvenWhenTheEventIsMadeLater() {
        index.put(resource("m2m:nod", "{\"ri\":\"nod1\",\"rn\":\"dev1\",\"pi\":\"in-cse\",\"ty\":14,\"ni\":\"urn:dev1\"}"));
        StoredResource profile = resource("dcfg:authp", "{\"ri\":\"mgoP\",\"rn\":\"prof\",\"pi\":\"nod1\",\"ty\":13,\"mgd\":1022,\"suid\":22}");
        index.put(profile);
        StoredResource registration = resource("dcfg:regn", "{\"ri\":\"mgoR\",\"rn\":\"reg\",\"pi\":\"nod1\",\"ty\":13,\"mgd\":1020,"
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"/in-cse/in-name/dev1/prof\"}]}");
        EventSink.Draft draft = new PendingEvent(MgmtObjEvent.Kind.CREATED, registration, null, Instant.EPOCH, 7).draft(views);
        index.remove(profile); // a later commit, before the listener's thread makes the event
        assertEquals("mgoP", draft.event().mgmtObj().links().get(0).target());
        assertEquals(7, draft.sequence());
    }

    @Test
    public void anEventWithoutLinksIsMadeOnceHoweverManyListenersAskForIt() {
        StoredResource profile = resource("dcfg:authp", "{\"ri\":\"mgoP\",\"rn\":\"prof\",\"pi\":\"nod1\",\"ty\":13,\"mgd\":1022,\"suid\":22}");
        EventSink.Draft draft = new PendingEvent(MgmtObjEvent.Kind.CREATED, profile, null, Instant.EPOCH, 8).draft(views);
        MgmtObjEvent made = draft.event();
        assertSame(made, draft.event());
        assertEquals(22, ((Number) made.mgmtObj().attributes().get("suid")).intValue());
        assertEquals(8, made.sequence());
    }

    /** The snapshot of an MO without links is made by the listener's thread: drafting it on the writer's parses nothing. */
    @Test
    public void anEventWithoutLinksIsNotMadeWhenDrafted() {
        StoredResource unreadable = StoredResource.ofJsonBytes("dcfg:authp", "{\"ri\":\"mgoP\" not JSON".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "mgoP", "nod1", "prof", 13);
        EventSink.Draft draft = new PendingEvent(MgmtObjEvent.Kind.CREATED, unreadable, null, Instant.EPOCH, 9).draft(views);
        assertEquals(9, draft.sequence());
        org.junit.Assert.assertThrows("made (and parsed) only when asked for", RuntimeException.class, draft::event);
    }
}
