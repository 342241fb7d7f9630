/**
 * What the MAF and MEF share: the identifier formats of TS-0003 clause 10, the RFC 5705 key export of
 * clause 10.3.1, the Enrolment Key and its derivations (10.3.2 to 10.3.7), and the usage rules of the SUIDs (TS-0004 6.3.4.2.39).
 */
@Export
@Version("2.1.0")
package org.example.tef.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
