package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlashTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "anna")
    void aLongNameInNorwegianLettersStillBringsItsMessageToTheNextPage() {
        // a client name may be 255 characters, and æ, ø and å take two bytes each in the cookie: more than it took back
        String name = ("Øvre Ærø og Åsgårdstrand ørkenløp ".repeat(8)).strip();
        String cookie = Flash.seeOther("/portal", "access.granted.named", "Kunde", name).getCookies()
                .get(Flash.COOKIE).getValue();
        given().cookie(Flash.COOKIE, cookie).get("/portal").then().statusCode(200)
                .body(containsString("Kunde har fått tilgang til " + name.substring(0, 40)));
    }
}
