package com.bindflow.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * The demo personas, read once from a data file (default {@code classpath:sandbox/personas.json}). Read-only
 * reference data, identical on every node: the sandbox adapters answer from it.
 *
 * <p>Look-alike customers: {@code <persona id>.c<number>} (e.g. {@code demo-ok.c17}) is a customer of its own, with
 * that persona's facts — how the traffic generator has many customers at once while one customer has one binding in
 * progress. Derived from the id alone, so every node knows them without any state.
 */
public class PersonaDirectory {

    private final Map<String, Persona> byUserId = new LinkedHashMap<>();

    public PersonaDirectory(Resource data) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = data.getInputStream()) {
            File file = mapper.readValue(in, File.class);
            for (Persona persona : file.personas()) {
                if (byUserId.put(persona.userId(), persona) != null) {
                    throw new IllegalStateException("persona " + persona.userId() + " is listed twice in " + data);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox personas from " + data, e);
        }
    }

    public Optional<Persona> find(String userId) {
        Persona persona = byUserId.get(userId);
        if (persona == null && userId != null) {
            Matcher lookAlike = LOOK_ALIKE.matcher(userId);
            if (lookAlike.matches() && byUserId.containsKey(lookAlike.group(1))) {
                persona = byUserId.get(lookAlike.group(1)).as(userId);
            }
        }
        return Optional.ofNullable(persona);
    }

    /** The id of customer {@code number} who looks like {@code personaId}. */
    public static String lookAlike(String personaId, int number) {
        return personaId + ".c" + number;
    }

    private static final Pattern LOOK_ALIKE = Pattern.compile("(.+)\\.c([0-9]{1,9})");

    /** The persona whose ID number is the given one, as the public-security registry would look it up. */
    public Optional<Persona> findByIdNumber(String idNumber) {
        return byUserId.values().stream().filter(p -> p.publicSecurity().idNumber().equals(idNumber)).findFirst();
    }

    public List<Persona> all() {
        return List.copyOf(byUserId.values());
    }

    private record File(List<Persona> personas) {
    }
}
