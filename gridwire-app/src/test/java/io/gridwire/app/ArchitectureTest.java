package io.gridwire.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Rules of the module and package graph that the Maven enforcer cannot see (it checks module
 * dependencies only), read from the compiled main classes of the modules on this classpath.
 */
class ArchitectureTest {
  /** The modules whose packages must form no cycle (each package its own node, the module root too). */
  private static final String[] ACYCLIC = {"io.gridwire.web", "io.gridwire.wsdevice"};

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.gridwire");

  /** One slice per package of the checked modules; every other class is ignored. */
  private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      for (String module : ACYCLIC) {
        if (c.getPackageName().equals(module) || c.getPackageName().startsWith(module + ".")) {
          return SliceIdentifier.of(c.getPackageName());
        }
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the packages of gridwire-web and gridwire-wsdevice";
    }
  };

  @Test
  void webAndWsDevicePackages_formNoCycle() {
    slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void wsDevice_dependsOnCoreOnly() {
    noClasses().that().resideInAPackage("io.gridwire.wsdevice..")
        .should().dependOnClassesThat().resideInAnyPackage("io.gridwire.web..", "io.gridwire.app..", "io.gridwire.store..",
            "io.gridwire.modbus..", "io.gridwire.oig..", "io.gridwire.mqtt..", "io.gridwire.uplink..",
            "io.gridwire.rules..", "io.gridwire.notify..")
        .because("a connector depends on gridwire-core only; the web server mounts it (docs: README, Architecture)")
        .check(CLASSES);
  }

  @Test
  void web_knowsNoConnector() {
    noClasses().that().resideInAPackage("io.gridwire.web..")
        .should().dependOnClassesThat().resideInAnyPackage("io.gridwire.wsdevice..", "io.gridwire.modbus..",
            "io.gridwire.oig..", "io.gridwire.mqtt..", "io.gridwire.uplink..")
        .because("connectors contribute routes as data and endpoints through a hook; the wiring builds them")
        .check(CLASSES);
  }

  @Test
  void wsDeviceProtocol_isFreeOfTheWebFramework() {
    noClasses().that().resideInAPackage("io.gridwire.wsdevice.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "io.micrometer..")
        .because("message parsing is pure: tested without sockets")
        .check(CLASSES);
  }
}
