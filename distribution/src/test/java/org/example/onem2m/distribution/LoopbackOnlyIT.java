package org.example.onem2m.distribution;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

/** The distribution as shipped listens on 127.0.0.1 only. */
public class LoopbackOnlyIT {
    @Rule public final DistributionProcess distribution = new DistributionProcess();

    @Test
    public void theHttpBindingIsNotReachableOnANonLoopbackAddress() throws Exception {
        List<InetAddress> others = nonLoopbackAddresses();
        Assume.assumeFalse("this machine has no non-loopback address to try", others.isEmpty());
        distribution.start();
        int port = distribution.port();
        for (InetAddress address : others) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 2000);
                fail("port " + port + " accepts connections on " + address.getHostAddress() + "; it must listen on 127.0.0.1 only");
            } catch (ConnectException | SocketTimeoutException expected) {
                // refused (or filtered): not listening there
            }
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> result = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) continue;
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) result.add(a);
            }
        }
        return result;
    }
}
