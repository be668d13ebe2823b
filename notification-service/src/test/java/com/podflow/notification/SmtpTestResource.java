package com.podflow.notification;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.podflow.infra.FreePorts;

/** A real SMTP server (GreenMail) in the test JVM, one per JVM; the mailer sends to it. */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {
    private static GreenMail greenMail;

    @Override
    public synchronized Map<String, String> start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.mock", "false");
    }

    public static synchronized GreenMail smtp() {
        return greenMail;
    }

    @Override
    public void stop() {
        // kept for the JVM's other test classes; GreenMail's threads are daemons
    }
}
