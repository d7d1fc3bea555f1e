package no.samarbeidsportal.register;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Starts the {@link FixtureRegister} for the test run and points {@code portal.register.base-url} at it. */
public class FixtureRegisterResource implements QuarkusTestResourceLifecycleManager {

    /** The folder the tests write fixtures into and the server reads them from. */
    public static final Path FOLDER = Path.of("target/register-source");

    private FixtureRegister server;

    @Override
    public Map<String, String> start() {
        try {
            server = new FixtureRegister(FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("portal.register.base-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
