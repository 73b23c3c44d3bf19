package com.bindflow.shared;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error page, for what it refuses before the application sees it (a URI it will not decode, such as an
 * escaped NUL or slash, a malformed request line) and for errors no error page answered: {@code application/problem+json}
 * like every other error, instead of Tomcat's HTML. Nothing of the cause is shown. TRACE is refused here too (405).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = known == null ? "HTTP_" + status : known.name();
        String title = known == null ? "Error" : known.getReasonPhrase();
        String body = "{\"type\":\"https://bindflow.dev/problems/" + code.toLowerCase().replace('_', '-') + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + (status == 405
                ? "This method is not allowed at this path." : status < 500
                ? "The request is not valid HTTP for this server." : "The request could not be processed.")
                + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (Exception e) {
            // the connection is gone or the response closed: nothing more to tell
        }
    }

    /**
     * TRACE (and TRACK) on any path: 405, answered as a problem by this valve. Tomcat's own refusal of TRACE (its
     * connector's {@code allowTrace=false}) answered with an empty body before any valve; so the connector lets TRACE
     * through and this valve, in the Host's pipeline before any servlet (none of which may echo the request), refuses it.
     */
    static final class TraceRefusingValve extends org.apache.catalina.valves.ValveBase {

        TraceRefusingValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws java.io.IOException, jakarta.servlet.ServletException {
            String method = request.getMethod();
            if ("TRACE".equalsIgnoreCase(method) || "TRACK".equalsIgnoreCase(method)) {
                response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
                response.sendError(405);
                return;
            }
            getNext().invoke(request, response);
        }
    }

    /**
     * Puts this valve in the place of the Host's {@link ErrorReportValve} (after Spring Boot's customizer), followed by
     * the {@link TraceRefusingValve}.
     */
    @Component
    public static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                    host.getPipeline().addValve(new TraceRefusingValve());
                }
            });
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        }
    }
}
