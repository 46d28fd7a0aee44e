package io.llm402.features;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Runs every {@code .feature} under {@code io/llm402/features} against the assembled application. */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("io.llm402.features")
public class RunCucumberTest {
}
