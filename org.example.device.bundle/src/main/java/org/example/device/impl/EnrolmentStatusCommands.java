package org.example.device.impl;

import java.io.PrintStream;
import java.util.List;

import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MoState;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo: {@code enrolment:status} prints one line per MO the device side processed (TS-0003 8.3.4.2, 8.3.4.3), with its
 * state, result (MEFClientRegID or Key Identifier, never a key) or failure reason and cmdStatusCode.
 *
 * <p>The device side ({@link EnrolmentEngine}) runs only with its configuration (PID {@value DeviceEnrolmentConfiguration#PID});
 * its status is an optional reference, so that without that configuration the command says so instead of leaving a
 * component unsatisfied (which Karaf shows as the whole bundle "Waiting").
 */
@Component(service = EnrolmentStatusCommands.class, property = {"osgi.command.scope=enrolment", "osgi.command.function=status"})
public final class EnrolmentStatusCommands {
    static final String NOT_CONFIGURED = "the device side is not running: it needs its configuration, PID "
            + DeviceEnrolmentConfiguration.PID;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EnrolmentStatus enrolment;
    private final PrintStream out;

    public EnrolmentStatusCommands() { this(null, System.out); }

    EnrolmentStatusCommands(EnrolmentStatus enrolment, PrintStream out) {
        this.enrolment = enrolment;
        this.out = out;
    }

    public void status() {
        EnrolmentStatus current = enrolment;
        if (current == null) {
            out.println(NOT_CONFIGURED);
            return;
        }
        List<MoState> states = current.states();
        if (states.isEmpty()) out.println("no MEFClientRegCfg or authenticationProfile MO processed yet");
        states.forEach(out::println);
    }
}
