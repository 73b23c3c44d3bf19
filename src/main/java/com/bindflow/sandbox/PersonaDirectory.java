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
import org.springframework.core.io.Resource;

/**
 * The demo personas, read once from a data file (default {@code classpath:sandbox/personas.json}). Read-only
 * reference data, identical on every node: the sandbox adapters answer from it.
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
        return Optional.ofNullable(byUserId.get(userId));
    }

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
