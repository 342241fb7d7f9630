package org.example.mef.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the device side made of the TS-0022 MOs that drive its MEF Client (TS-0003 8.3.4.2, 8.3.4.3): one
 * {@link MoState} per MEFClientRegCfg and authenticationProfile it has seen, as of its latest transition.
 *
 * @since 1.4
 */
@ProviderType
public interface EnrolmentStatus {

    /** Every MO's state, ordered by resource ID. */
    List<MoState> states();

    /** One MO's state; empty when the MO was never seen. */
    Optional<MoState> state(String moResourceId);
}
