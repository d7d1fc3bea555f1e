package no.samarbeidsportal.register;

import java.time.Instant;

/** Where the register copy stands, on the wire ({@code GET /api/v1/register/status}). */
public record RegisterStatusJson(Instant fullLoadAt, Long enhetOppdateringsid, Long underenhetOppdateringsid,
        Instant lastSuccessAt, Instant lastFailureAt, String lastFailure, boolean failing, long units) {

    static RegisterStatusJson of(RegisterState s) {
        return new RegisterStatusJson(s.fullLoadAt(), s.enhetFeedId(), s.underenhetFeedId(), s.lastSuccessAt(),
                s.lastFailureAt(), s.lastFailure(), s.failing(), s.units());
    }
}
