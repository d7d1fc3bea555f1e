package no.samarbeidsportal;

import io.quarkus.test.common.QuarkusTestResource;
import no.samarbeidsportal.register.FixtureRegisterResource;

/** The real infrastructure every @QuarkusTest runs against. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(FixtureRegisterResource.class)
@QuarkusTestResource(MailResource.class)
public final class TestResources {

    private TestResources() {
    }
}
