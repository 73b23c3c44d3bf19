package com.bindflow.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.Browser;
import com.bindflow.support.JdAppApi;
import com.bindflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An eligibility review decided in Camunda Tasklist in a real browser (headless Chromium), as README section 5 tells a
 * reviewer to: log in as {@code reviewer1}, open the task, <b>Claim</b> it, and decide through its Camunda Form. A
 * rejection without a reason is refused with a message that names the field and the task stays open; an approval needs
 * no reason, and the binding moves on, as the JD app sees over REST. Screenshots: {@code target/screenshots/tasklist-*.png}.
 */
class ReviewInTasklistBrowserTest extends ProcessTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ObjectMapper json;

    @Test
    void aReviewerClaimsAndDecidesTheReviewThroughItsForm() {
        JdAppApi api = new JdAppApi(anonymous, json);
        ResponseEntity<JsonNode> created = api.post("/api/bindings", "tasklist-browser-1",
                "{\"userId\":\"demo-cashout\",\"channel\":\"JD_APP\"}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String bindingId = created.getBody().path("id").asText();
        runJobs();
        assertThat(api.get("/api/bindings/" + bindingId).getBody().path("status").asText()).isEqualTo("UNDER_REVIEW");
        Task review = engine.getTaskService().createTaskQuery().taskDefinitionKey(EligibilityProcess.TASK_REVIEW)
                .singleResult();

        Browser browser = Browser.at(port);
        browser.open("/camunda/app/tasklist/default/");
        browser.visible(By.cssSelector("input[ng-model=username]")).sendKeys("reviewer1");
        browser.visible(By.cssSelector("input[type=password]")).sendKeys("reviewer1");
        browser.click(By.cssSelector("button[type=submit]"));
        // the task in the list ("All tasks"), then its form: read-only until claimed
        browser.click(By.xpath("//ol[contains(@class,'tasks-list')]//h4/a[normalize-space()='Review eligibility']"));
        browser.visible(By.xpath("//label[contains(.,'Reject the binding')]"));
        assertThat(browser.driver().findElement(By.xpath("//button[normalize-space()='Complete']")).isEnabled())
                .as("Complete before Claim").isFalse();
        browser.screenshot("tasklist-review-before-claim");
        browser.click(By.xpath("//button[normalize-space()='Claim']"));
        browser.await(d -> d.findElement(By.xpath("//button[normalize-space()='Complete']")).isEnabled());
        assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee())
                .isEqualTo("reviewer1");

        // the reason field appears only when rejecting; a rejection without it names the field
        assertThat(reasonFields(browser)).as("reason shown before a decision").isEmpty();
        browser.click(By.xpath("//label[contains(.,'Reject the binding')]"));
        browser.visible(By.xpath("//label[starts-with(normalize-space(),'Reason for rejecting')]"));
        browser.click(By.xpath("//button[normalize-space()='Complete']"));
        WebElement error = browser.visible(By.xpath("//div[contains(@class,'page-notifications')]"
                + "//*[contains(.,'Reason for rejecting (reviewReason) is required when rejecting')]"));
        assertThat(error.getText()).contains("Reason for rejecting (reviewReason) is required when rejecting");
        browser.screenshot("tasklist-reject-without-reason");
        assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult()).isNotNull();
        assertThat(api.get("/api/bindings/" + bindingId).getBody().path("status").asText()).isEqualTo("UNDER_REVIEW");

        // approve: no reason asked, the task completes
        browser.js("document.querySelectorAll('.page-notifications .close').forEach(function (b) { b.click(); })");
        browser.click(By.xpath("//label[contains(.,'Approve the binding')]"));
        browser.await(d -> reasonFields(browser).isEmpty());
        browser.screenshot("tasklist-approve-without-reason");
        browser.click(By.xpath("//button[normalize-space()='Complete']"));
        browser.await(d -> engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult() == null);
        browser.await(d -> d.findElements(By.xpath("//ol[contains(@class,'tasks-list')]//h4/a")).isEmpty());
        browser.screenshot("tasklist-after-approval");

        runJobs();
        JsonNode binding = api.get("/api/bindings/" + bindingId).getBody();
        assertThat(binding.path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
        assertThat(binding.path("nextSteps").toString()).contains("/agreement");
    }

    private static java.util.List<WebElement> reasonFields(Browser browser) {
        return browser.driver().findElements(By.xpath("//label[starts-with(normalize-space(),'Reason for rejecting')]"));
    }
}
