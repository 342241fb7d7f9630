package org.example.maf.impl.client;

import java.time.Clock;

import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = MafClientFactory.class)
public final class MafClientFactoryComponent implements MafClientFactory {
    private final SecureChannels channels;
    private final PrimitiveTransport transport;

    @Activate
    public MafClientFactoryComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport) {
        this.channels = channels;
        this.transport = transport;
    }

    @Override
    public MafClient create(MafClientConfig config) {
        return new MafClientImpl(config, channels, transport, Clock.systemUTC());
    }
}
