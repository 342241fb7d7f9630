package org.example.tef.cli;

import java.time.Instant;
import java.util.List;

import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Registration;
import org.example.tef.client.TefException;

/**
 * The eight procedures a MAF Client (TS-0003 8.8.2.3-.10) and a MEF Client (8.3.5.2.3-.10) both run, in tef's shared
 * client types, so that {@link SharedCommands} is written once for both commands. The MEF Client's interface is this
 * one already; the MAF Client's maps its own types (see {@code MafClientCommand}).
 */
public interface Procedures {
    Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws TefException;

    String retrieveConfiguration(String registrationId) throws TefException;

    Registration updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws TefException;

    void deregister(String registrationId) throws TefException;

    DistributedKey registerKey(KeyRequest request) throws TefException;

    DistributedKey retrieveKey(String keyIdentifier) throws TefException;

    KeyUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws TefException;

    void deregisterKey(String relativeKeyId) throws TefException;
}
