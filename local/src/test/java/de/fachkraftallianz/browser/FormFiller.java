package de.fachkraftallianz.browser;

import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Fills a rendered form the way a person would: typing, picking, ticking. */
final class FormFiller {

    private FormFiller() {
    }

    /**
     * Fills in the fields in the order of the definition, which puts every choice before the questions that depend on
     * it (FormCatalog refuses anything else): with the script, a conditional question is visible by the time it is
     * filled in.
     */
    static void fill(WebDriver driver, FormDefinition form, Map<String, List<String>> values) {
        form.fields().forEach(field -> {
            List<String> given = values.getOrDefault(field.name(), List.of());
            if (given.isEmpty()) {
                return;
            }
            if (field.showIf() != null && !driver.findElement(By.id("field-" + field.name())).isDisplayed()) {
                throw new IllegalStateException("the question " + field.name() + " is not shown: its answer "
                        + field.showIf().field() + " must be one of " + field.showIf().values());
            }
            if (field.type().isChoiceGroup()) {
                for (String value : given) {
                    WebElement box = driver.findElement(By.id("f-" + field.name() + "-" + value));
                    if (!box.isSelected()) {
                        driver.findElement(By.cssSelector("label[for='f-" + field.name() + "-" + value + "']")).click();
                    }
                }
            } else if (field.type() == FieldType.SELECT) {
                new Select(driver.findElement(By.id("f-" + field.name()))).selectByValue(given.get(0));
            } else {
                WebElement input = driver.findElement(By.id("f-" + field.name()));
                input.clear();
                if (field.type() == FieldType.DATE) {
                    typeDate(input, given.get(0));
                } else {
                    input.sendKeys(given.get(0));
                }
            }
        });
    }

    /**
     * Types the date into Chromium's date field segment by segment. The segment order follows the browser's
     * locale (headless Chromium here uses month/day/year even with --lang=de-DE), so the German order is the
     * fallback.
     */
    private static void typeDate(WebElement input, String iso) {
        LocalDate date = LocalDate.parse(iso);
        input.sendKeys(String.format("%02d%02d%04d", date.getMonthValue(), date.getDayOfMonth(), date.getYear()));
        if (!iso.equals(input.getAttribute("value"))) {
            input.clear();
            input.sendKeys(String.format("%02d%02d%04d", date.getDayOfMonth(), date.getMonthValue(), date.getYear()));
        }
    }

    /** The value a field shows now (for text-like fields) or the ticked values (for choices). */
    static List<String> shown(WebDriver driver, Field field) {
        if (field.type().isChoiceGroup()) {
            return driver.findElements(By.cssSelector("input[name='" + field.name() + "']:checked")).stream()
                    .map(e -> e.getAttribute("value")).toList();
        }
        String value = driver.findElement(By.id("f-" + field.name())).getAttribute("value");
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }
}
