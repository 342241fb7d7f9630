/**
 * The MAF Client (TS-0003 8.8.2: every procedure, Source and Target side) and the administrating
 * stakeholder's interface to a running MAF server. 1.3: a MAF Client of a remotely provisioned Km
 * ({@code MafClientConfig.withEnrolmentKey}, {@code withStateFile}, {@code keId}, {@code stateFile}), the KmID the MAF
 * assigns ({@code ClientRegistrationInfo.assignedKmId}), {@code MafClient.pskIdentity()}.
 */
@Export
@Version("1.3.0")
package org.example.maf.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
