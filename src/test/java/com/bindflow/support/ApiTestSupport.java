package com.bindflow.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Base of the REST tests: {@link ProcessTestSupport} and the API as the JD app backend calls it ({@link #api}). */
public abstract class ApiTestSupport extends ProcessTestSupport {

    @Autowired
    protected TestRestTemplate anonymous;
    @Autowired
    protected ObjectMapper json;

    protected JdAppApi api;

    @BeforeEach
    void asJdApp() {
        api = new JdAppApi(anonymous, json);
    }
}
