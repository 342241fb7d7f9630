package org.example.device.impl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Supplier;

import org.example.mef.api.MefClient;
import org.example.mef.api.ProvisionedCertificate;

/**
 * Test only: a real MEF Client that says it holds the certificates {@code held} gives, as CERT_PROV would have installed
 * them (TS-0003 8.3.9.7), so that the device side's use of provisioned certificates is tested without an EST exchange
 * (that exchange itself: MefEstIT, MefCertificateHandshakeTest).
 */
final class HoldingClients {
    private HoldingClients() {}

    static MefClient holding(MefClient client, Supplier<List<ProvisionedCertificate>> held) {
        return (MefClient) Proxy.newProxyInstance(HoldingClients.class.getClassLoader(), new Class<?>[] {MefClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("provisionedCertificates")) return held.get();
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
