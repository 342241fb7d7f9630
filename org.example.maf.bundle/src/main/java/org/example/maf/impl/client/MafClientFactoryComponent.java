package org.example.maf.impl.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

@Component(service = MafClientFactory.class)
public final class MafClientFactoryComponent implements MafClientFactory {
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    /** The clients made, so that their kept sessions close with this component; weakly, as callers need not close them. */
    private final Set<MafClient> made = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Activate
    public MafClientFactoryComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport) {
        this.channels = channels;
        this.transport = transport;
    }

    @Override
    public MafClient create(MafClientConfig config) {
        MafClient client = new MafClientImpl(config, channels, transport, Clock.systemUTC());
        made.add(client);
        return client;
    }

    /** Closes the sessions the clients it made keep open (the TLS service they use goes away with this bundle). */
    @Deactivate
    void deactivate() {
        List<MafClient> clients;
        synchronized (made) {
            clients = new ArrayList<>(made);
        }
        clients.forEach(MafClient::close);
    }
}
