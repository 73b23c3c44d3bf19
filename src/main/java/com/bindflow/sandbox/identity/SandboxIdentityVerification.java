package com.bindflow.sandbox.identity;

import com.bindflow.identity.IdentityVerification;
import com.bindflow.sandbox.Persona;
import com.bindflow.sandbox.PersonaDirectory;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.OutsideSystemUnavailableException;
import org.springframework.stereotype.Component;

/**
 * The identity check in sandbox mode: the personas' {@code publicSecurity} records are the registry; a name
 * that differs from the registry's for the same ID number is a mismatch.
 */
@Component
@SandboxOnly
public class SandboxIdentityVerification implements IdentityVerification {

    private final PersonaDirectory personas;

    public SandboxIdentityVerification(PersonaDirectory personas) {
        this.personas = personas;
    }

    @Override
    public Result verify(String realName, String idNumber) {
        return personas.findByIdNumber(idNumber)
                .map(p -> {
                    if (p.failsAt("identityCheck")) {
                        throw new OutsideSystemUnavailableException("identity check", "registry did not answer");
                    }
                    return matches(p.publicSecurity(), realName) ? Result.MATCH : Result.MISMATCH;
                })
                .orElse(Result.NOT_FOUND);
    }

    private static boolean matches(Persona.PublicSecurity record, String realName) {
        return record.realName().equals(realName);
    }
}
