package org.example.device.impl;

import java.io.PrintStream;
import java.util.List;

import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MoState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo: {@code enrolment:status} prints one line per MO the device side processed (TS-0003 8.3.4.2, 8.3.4.3), with its
 * state, result (MEFClientRegID or Key Identifier, never a key) or failure reason and cmdStatusCode.
 */
@Component(service = EnrolmentStatusCommands.class, property = {"osgi.command.scope=enrolment", "osgi.command.function=status"})
public final class EnrolmentStatusCommands {
    private final EnrolmentStatus enrolment;
    private final PrintStream out;

    @Activate
    public EnrolmentStatusCommands(@Reference EnrolmentStatus enrolment) { this(enrolment, System.out); }

    EnrolmentStatusCommands(EnrolmentStatus enrolment, PrintStream out) {
        this.enrolment = enrolment;
        this.out = out;
    }

    public void status() {
        List<MoState> states = enrolment.states();
        if (states.isEmpty()) out.println("no MEFClientRegCfg or authenticationProfile MO processed yet");
        states.forEach(out::println);
    }
}
