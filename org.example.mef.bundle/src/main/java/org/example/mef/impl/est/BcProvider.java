package org.example.mef.impl.est;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one instance of Bouncy Castle's JCA provider the MEF's EST code uses, private to it: not registered in the JVM
 * (an OSGi framework is shared; adding a provider to {@code java.security.Security} would change what every other
 * bundle gets). The CSR checks read keys of curves the JDK no longer supports with it, and the MEF CA signs with it.
 */
final class BcProvider {
    static final BouncyCastleProvider INSTANCE = new BouncyCastleProvider();

    private BcProvider() {}
}
