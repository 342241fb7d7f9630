package org.example.onem2m.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.Stakeholder;

/**
 * The MEF process of figures 10 and 11, as {@link MafServerMain} is the MAF's: the real MEF server started through the
 * exported {@link MefServerBuilder}, in a JVM of its own, with one stakeholder ({@link Fixture#SP}) that pre-authorizes
 * the bench clients as Enrolees (KpmID/Kpm of {@link Fixture.Function#MEF}), and the bench MAF as Enrolment Target for
 * SUID 21 ({@link Fixture#MAF_AT_MEF}). Arguments: port, data directory ("-": in memory), number of PSK Enrolees,
 * maxConnections, and optionally (figure 13) the EST server's port: then every Enrolee also gets a CERT_PROV command for
 * its next registration, for the subject {@link EstFigure#subject}. Prints "READY" once it listens; "heap" and "stop" on
 * standard input as {@link MafServerMain}.
 */
public final class MefServerMain {
    private MefServerMain() {}

    public static void main(String[] args) throws Exception {
        int estPort = args.length > 4 ? Integer.parseInt(args[4]) : -1;
        MafServerMain.serve(args, (port, data, clients, maxConnections) -> {
            List<PskCredential> enrolees = Fixture.Function.MEF.credentials(clients);
            MefServer mef = server(port, data, maxConnections, enrolees, estPort);
            if (estPort >= 0) {
                for (int i = 0; i < clients; i++) mef.enqueueForClient(enrolees.get(i).peerId(), EstFigure.certProv(mef.estBaseUri().orElseThrow(), i));
            }
            return mef;
        });
    }

    /** A MEF on 127.0.0.1 serving the given Enrolees and the bench MAF as Enrolment Target; {@code data} null: in memory. */
    static MefServer server(int port, Path data, int maxConnections, List<PskCredential> enrolees, int estPort) throws java.io.IOException {
        MefServerBuilder b = MefServerBuilder.create(Fixture.Function.MEF.fqdn).host("127.0.0.1").port(port).dataDirectory(data)
                // figure 13 enrols thousands of times on each client's one CERT_PROV command
                .maxConnections(maxConnections).est(estPort).certificatesPerCommand(Integer.MAX_VALUE)
                .stakeholder(new Stakeholder(Fixture.SP, enrolees.stream().map(PskCredential::peerId).collect(Collectors.toSet()),
                        Duration.ofDays(365), Duration.ofDays(30), null))
                .enrolmentTarget(Fixture.MAF + "=21").pskClient(new PskCredential(Fixture.MAF_AT_MEF, Fixture.mafAtMefKey(), Fixture.MAF));
        enrolees.forEach(b::pskClient);
        return b.start();
    }
}
