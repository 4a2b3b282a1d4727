package de.fachkraftallianz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import de.fachkraftallianz.local.ProjectRoot;

/**
 * AWS's own template linter, cfn-lint with the SAM translator, on template.yaml: no error and no warning. It knows
 * the resource schemas and SAM's transformations, which TemplateTest does not ask about. Its exit code is a bit
 * mask: 2 error, 4 warning, 8 informational (allowed); 1 means it failed itself.
 */
class TemplateLintIT {

    static final String INSTALL_HINT = "cfn-lint is needed for the template check: pip install cfn-lint "
            + "(AWS's CloudFormation linter with the SAM translator; .ci/run installs it when missing)";

    @Test
    void cfn_lint_finds_no_error_and_no_warning_in_the_template() throws Exception {
        Path root = ProjectRoot.find();
        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", "--format", "parseable", "template.yaml")
                    .directory(root.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            fail(INSTALL_HINT + " (" + notInstalled.getMessage() + ")");
            return;
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
        int exit = lint.exitValue();
        assertThat(exit & 0b111).as("cfn-lint exit code %d (2 error, 4 warning, 1 failure):%n%s", exit, output).isZero();
        assertThat(output.lines().filter(line -> line.contains(":E") || line.contains(":W")).toList())
                .as("errors and warnings").isEqualTo(List.of());
    }
}
