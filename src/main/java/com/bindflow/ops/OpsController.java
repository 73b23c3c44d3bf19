package com.bindflow.ops;

import com.bindflow.security.StaffLoginFilter;
import com.bindflow.security.StaffSession;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' dashboard's data, for the page {@code /ops} (behind the staff login: {@link StaffLoginFilter} on
 * {@code /ops/api/*}).
 */
@RestController
@RequestMapping("/ops/api")
public class OpsController {

    private final OpsDashboardService dashboard;

    public OpsController(OpsDashboardService dashboard) {
        this.dashboard = dashboard;
    }

    /** Who is logged in: the page greets them and offers the logout. */
    public record Me(String userId, List<String> groupIds) {
    }

    @GetMapping("/me")
    public ResponseEntity<Me> me(HttpServletRequest request) {
        StaffSession.Staff staff = (StaffSession.Staff) request.getAttribute(StaffLoginFilter.STAFF);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Me(staff.userId(), staff.groupIds()));
    }

    /**
     * The dashboard for bindings and payments created in [from, to) (dates, Beijing time); without them the 7 days up
     * to and including today by the application's clock (the test clock in the sandbox).
     */
    @GetMapping("/dashboard")
    public ResponseEntity<OpsDashboard> dashboard(@RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(dashboard.dashboard(from, to));
    }
}
