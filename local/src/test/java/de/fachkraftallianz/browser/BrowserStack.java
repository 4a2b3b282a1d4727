package de.fachkraftallianz.browser;

import de.fachkraftallianz.local.LocalStack;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A local stack and headless Chromium for one test class, each started on first use and all stopped after the
 * class: {@code @RegisterExtension static final BrowserStack env = new BrowserStack(LocalStack.Options.defaults());}
 */
final class BrowserStack implements AfterAllCallback {

    private final LocalStack.Options options;
    private LocalStack stack;
    private ChromeDriver withScript;
    private ChromeDriver withoutScript;

    BrowserStack(LocalStack.Options options) {
        this.options = options;
    }

    LocalStack stack() {
        if (stack == null) {
            stack = LocalStack.start(options);
        }
        return stack;
    }

    /** A browser with JavaScript on. */
    ChromeDriver withScript() {
        if (withScript == null) {
            withScript = Browser.start(true);
        }
        return withScript;
    }

    /** A browser with JavaScript switched off in its settings, like a visitor who has it off. */
    ChromeDriver withoutScript() {
        if (withoutScript == null) {
            withoutScript = Browser.start(false);
        }
        return withoutScript;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (withScript != null) {
                withScript.quit();
            }
            if (withoutScript != null) {
                withoutScript.quit();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
