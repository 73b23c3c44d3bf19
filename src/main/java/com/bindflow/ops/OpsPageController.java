package com.bindflow.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operators' dashboard page: {@code /ops} serves {@code static/ops/index.html} (with {@code ops.js}, {@code ops.css}
 * and Chart.js from its WebJar). The page holds no data: it asks {@code /ops/api} and offers the staff login.
 */
@Controller
public class OpsPageController {

    @GetMapping({"/ops", "/ops/"})
    public String page() {
        return "forward:/ops/index.html";
    }
}
