package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case file (卷宗) printed as the browser prints it: headless Chromium's own print to PDF, the PDF's text read
 * back. For an analyst it holds the case number and every step by its Chinese name, and none of the parties'
 * personal data in clear.
 */
class CaseFilePageTest extends BrowserTestBase {

    static final String VILLAGE = "511921101001";

    @Test
    void theCaseFilePrintsEveryStepAndNoPersonalDataForAnAnalyst() throws Exception {
        Map<String, Object> registration = sampleRegistration(null);
        registration.put("villageCode", VILLAGE);
        JsonNode registered = post("/api/disputes", registration).body();
        String id = registered.get("id").asText();
        step(id, "screening", Map.of("grade", "SIGNIFICANT", "decision", "ACCEPT", "date", "2026-03-03"));
        mediate(id, VILLAGE, "2026-03-04");
        step(id, "resolution", Map.of("form", "WRITTEN", "terms", "被申请人赔偿申请人损失", "amount", 3000,
                                      "date", "2026-03-10"));
        step(id, "fulfilment", Map.of("fulfilled", true, "date", "2026-03-15"));
        step(id, "judicial-confirmation", Map.of("court", "通江县人民法院", "date", "2026-03-16"));
        step(id, "follow-up", Map.of("satisfaction", 5, "date", "2026-03-25"));

        login(ANALYST, PASSWORD);
        browser().manage().window().setSize(new Dimension(1440, 900));
        browser().get(url("/cases/" + id + "/file"));
        waitFor().until(d -> "true".equals(d.findElement(By.id("file")).getAttribute("data-ready")));
        screenshot("case-file");
        String screen = browser().findElement(By.id("file")).getText();
        assertThat(screen).contains(registered.get("caseNumber").asText(), "王**");

        @SuppressWarnings("unchecked")
        Map<String, Object> printed = ((ChromeDriver) browser()).executeCdpCommand("Page.printToPDF",
                Map.of("printBackground", true, "preferCSSPageSize", true));
        byte[] pdf = Base64.getDecoder().decode((String) printed.get("data"));
        Files.write(SCREENSHOTS.resolve("case-file.pdf"), pdf);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        String flat = text.replaceAll("\\s+", "");
        assertThat(flat).contains(registered.get("caseNumber").asText().replaceAll("\\s+", ""));
        for (String step : List.of("登记纠纷", "排查研判", "开始调解", "调解成功", "履行情况", "司法确认", "回访")) {
            assertThat(flat).as(step).contains(step);
        }
        assertThat(flat).contains("被申请人赔偿申请人损失", "通江县人民法院", "王**");
        assertThat(flat).doesNotContain("王小明", "李大山", "11010519491231002X", "13812345678");
        assertThat(flat).as("the page's navigation is not printed").doesNotContain("统计看板");
    }
}
