/**
 * The client side of the registration and key procedures a MAF Client (TS-0003 8.8.2.3 to 8.8.2.10) and a MEF Client
 * (8.3.5.2.3 to 8.3.5.2.10) share, parameterized by a {@link org.example.tef.core.TefFunction}: sessions kept between
 * procedures and the retry-once rules ({@link org.example.tef.client.TefClient}), the strict reading of the answers
 * ({@link org.example.tef.client.Answer}), the keys a client holds ({@link org.example.tef.client.HeldKeys}), and the
 * one base of the functions' client exceptions ({@link org.example.tef.client.TefException}), and the named maps a
 * client keeps durable state in ({@link org.example.tef.client.StateMaps}). 1.1: {@code StateMaps} (moved from the MEF
 * Client), {@code TefClient.useCredential} (the MAF's assigned KmID) and {@code Registration.answered}. 1.2:
 * {@link org.example.tef.client.ClientRecords} (moved from the MEF Client: a device keeps a MAF Client's records too).
 * 1.3: {@code TefClientBuilder.tlsSource} (a credential that changes while the client runs: the MEF Client's provisioned
 * certificate).
 */
@Export
@Version("1.3.0")
package org.example.tef.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
