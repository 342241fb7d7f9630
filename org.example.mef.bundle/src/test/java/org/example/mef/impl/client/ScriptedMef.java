package org.example.mef.impl.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Test only: a MEF that answers a MEF Client's Command Retrieve and Update (TS-0003 8.3.9.2, 8.3.9.3) over real TLS-PSK
 * with the next answer of a script ({@code noMore} once it is empty), and records each report as
 * {@code "<cmdID>:<cmdStatusCode>"}. Shared by the command tests.
 */
final class ScriptedMef {
    private ScriptedMef() {}

    static SecureChannels.Server listen(SecureChannels channels, PrimitiveTransport transport, String mefFqdn, PskCredential kpm,
                                        Queue<String> script, String noMore, List<String> reports) throws IOException {
        return channels.listen(TlsServerConfig.builder(mefFqdn).port(0).psk(id -> id.equals(kpm.identity()) ? Optional.of(kpm) : Optional.empty())
                .exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL, KeyExport.CONNECTION_LABEL)).build(),
                session -> transport.serve(session, (s, request) -> {
                    if (request.operation() == Operation.UPDATE) {
                        JsonObject o = JsonParser.parseString(request.content()).getAsJsonObject().getAsJsonObject("sec:mefClientCmd");
                        reports.add(o.get("cmdID").getAsString() + ":" + o.get("cmdStatusCode").getAsInt());
                    }
                    String next = script.isEmpty() ? noMore : script.poll();
                    return new ResponsePrimitive(request.operation() == Operation.UPDATE ? ResponseStatusCode.UPDATED : ResponseStatusCode.OK,
                            request.requestId(), next, null);
                }));
    }
}
