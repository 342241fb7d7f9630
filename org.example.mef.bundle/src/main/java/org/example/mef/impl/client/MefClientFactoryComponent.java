package org.example.mef.impl.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefCommandExecutor;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The MefClientFactory service; every {@link MefCommandExecutor} service executes commands for the clients it makes. */
@Component(service = MefClientFactory.class)
public final class MefClientFactoryComponent implements MefClientFactory {
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final CommandExecutors executors;
    /**
     * The clients made and not closed, so that their sessions, threads and state files close with this component. Held
     * strongly: a client dropped without close() keeps its writer thread and its state file's lock, so it must stay
     * reachable until this component closes it.
     */
    private final Set<MefClient> made = ConcurrentHashMap.newKeySet();

    @Activate
    public MefClientFactoryComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport) {
        this(channels, transport, new CommandExecutors());
    }

    /** For the builder: executors given there. */
    public MefClientFactoryComponent(SecureChannels channels, PrimitiveTransport transport, CommandExecutors executors) {
        this.channels = channels;
        this.transport = transport;
        this.executors = executors;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExecutor(MefCommandExecutor executor) { executors.add(executor); }

    void removeExecutor(MefCommandExecutor executor) { executors.remove(executor); }

    @Override
    public MefClient create(MefClientConfig config) {
        MefClient[] client = new MefClient[1];
        client[0] = new MefClientImpl(config, channels, transport, executors, Clock.systemUTC(), () -> made.remove(client[0]));
        made.add(client[0]);
        return client[0];
    }

    /** Closes the sessions and state files of the clients it made (the TLS service they use goes away with this bundle). */
    @Deactivate
    void deactivate() {
        new ArrayList<>(made).forEach(MefClient::close);
    }
}
