package org.example.mgmtobj.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjListener;
import org.example.onem2m.itests.Await;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A {@link MgmtObjListener} registered as an OSGi service (whiteboard) that records every event it receives. */
public final class RecordingListener implements MgmtObjListener, AutoCloseable {
    private final List<MgmtObjEvent> events = new ArrayList<>();
    private ServiceRegistration<MgmtObjListener> registration;

    /**
     * Registers a new listener and waits until the bundle with {@code hostSymbolicName} uses it, i.e. its
     * component has bound it: events committed from then on reach it.
     */
    public static RecordingListener register(BundleContext context, String hostSymbolicName, Duration timeout) {
        RecordingListener listener = new RecordingListener();
        listener.registration = context.registerService(MgmtObjListener.class, listener, null);
        Await.until(hostSymbolicName + " to bind the MgmtObjListener", timeout, () -> {
            Bundle[] users = listener.registration.getReference().getUsingBundles();
            return users != null && Arrays.stream(users).anyMatch(b -> hostSymbolicName.equals(b.getSymbolicName())) ? Boolean.TRUE : null;
        }, () -> "using bundles " + Arrays.toString(listener.registration.getReference().getUsingBundles()));
        return listener;
    }

    @Override
    public synchronized void mgmtObjChanged(MgmtObjEvent event) {
        events.add(event);
    }

    public synchronized List<MgmtObjEvent> events() {
        return List.copyOf(events);
    }

    /** The events for one resource, in the order received. */
    public synchronized List<MgmtObjEvent> eventsOf(String resourceId) {
        return events.stream().filter(e -> e.mgmtObj().resourceId().equals(resourceId)).collect(Collectors.toList());
    }

    /** Waits for the {@code n}-th (1-based) event of a resource and returns it. */
    public MgmtObjEvent awaitEvent(String resourceId, int n, Duration timeout) {
        return Await.until("event #" + n + " of " + resourceId, timeout, () -> {
            List<MgmtObjEvent> of = eventsOf(resourceId);
            return of.size() >= n ? of.get(n - 1) : null;
        }, () -> "events received: " + events());
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
