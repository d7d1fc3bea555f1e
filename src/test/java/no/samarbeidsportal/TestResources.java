package no.samarbeidsportal;

import io.quarkus.test.common.QuarkusTestResource;

/** The real infrastructure every @QuarkusTest runs against. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(TestIssuer.class)
public final class TestResources {

    private TestResources() {
    }
}
