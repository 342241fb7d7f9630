package org.example.onem2m.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;

import java.nio.file.Path;
import java.util.List;

import org.example.maf.api.MafServer;
import org.example.maf.api.MafServerBuilder;
import org.example.tef.api.channel.PskCredential;

/**
 * The MAF process of a benchmark: the real MAF server with tef's TLS, HTTP transport and store, started through
 * the exported {@link MafServerBuilder} (one stakeholder that pre-authorizes every bench client), in a JVM of its own (so that its heap, GC and JIT are its own, as in a
 * deployment). Arguments: port, data directory ("-" for the in-memory store), number of PSK clients (bench-0 ..),
 * maxConnections, and optionally the MEF it fetches remotely provisioned Km from (figure 11): MEF-FQDN and port (the
 * MAF's PSK there is {@link Fixture#MAF_AT_MEF}). Prints "READY" once it listens. Commands on standard input: "heap" (prints "HEAP used=..
 * committed=.. max=.. peakUsed=.." after a full GC), "stop" or end of input (closes the MAF, prints "STOPPED").
 */
public final class MafServerMain {
    private MafServerMain() {}

    public static void main(String[] args) throws Exception {
        int mefPort = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        serve(args, (port, data, clients, maxConnections) -> server(port, data, maxConnections, Fixture.credentials(clients),
                args.length > 5 ? args[4] : null, mefPort));
    }

    /** Starts a server from the first four arguments (port, data directory or "-", clients, maxConnections). */
    interface ServerFactory {
        java.io.Closeable start(int port, Path data, int clients, int maxConnections) throws java.io.IOException;
    }

    /** The shared part of the MAF's and the MEF's server process: arguments, READY, then {@link #serveUntilStopped}. */
    static void serve(String[] args, ServerFactory factory) throws java.io.IOException {
        String data = args[1].equals("-") ? "" : args[1];
        long start = System.nanoTime();
        java.io.Closeable server = factory.start(Integer.parseInt(args[0]), data.isEmpty() ? null : Path.of(data), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
        System.out.printf("READY pid=%d startMillis=%d%n", ProcessHandle.current().pid(), (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        serveUntilStopped(server);
    }

    /**
     * The protocol of a benchmark's server process after READY (shared by the MAF's and the MEF's): "heap" on
     * standard input prints {@link #heap()}, "stop" or end of input closes the server, prints "STOPPED" and exits.
     */
    static void serveUntilStopped(java.io.Closeable server) throws java.io.IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("heap")) {
                System.out.println(heap());
                System.out.flush();
            } else if (line.equals("stop")) {
                break;
            }
        }
        server.close();
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }

    /** A MAF on 127.0.0.1 with stakeholder {@link Fixture#SP} pre-authorizing the given PSK clients; {@code data} null: in memory. */
    static MafServer server(int port, Path data, int maxConnections, List<PskCredential> clients) throws java.io.IOException {
        return server(port, data, maxConnections, clients, null, 0);
    }

    /** With {@code mefFqdn} not null: remote provisioning from that MEF on 127.0.0.1:{@code mefPort}, as {@link Fixture#MAF_AT_MEF}. */
    static MafServer server(int port, Path data, int maxConnections, List<PskCredential> clients, String mefFqdn, int mefPort)
            throws java.io.IOException {
        MafServerBuilder b = MafServerBuilder.create(Fixture.MAF).host("127.0.0.1").port(port).dataDirectory(data)
                .maxConnections(maxConnections).stakeholder(Fixture.SP, clients.stream().map(PskCredential::peerId).toList());
        clients.forEach(b::pskClient);
        if (mefFqdn != null) b.remoteProvisioning(mefFqdn, "127.0.0.1", mefPort, new PskCredential(Fixture.MAF_AT_MEF, Fixture.mafAtMefKey(), null));
        return b.start();
    }

    /** Heap after two full GCs, and the largest heap use seen since start (sum of the heap pools' peaks). */
    static String heap() {
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return "HEAP used=" + heap.getUsed() + " committed=" + heap.getCommitted() + " max=" + heap.getMax() + " peakUsed=" + peak;
    }
}
