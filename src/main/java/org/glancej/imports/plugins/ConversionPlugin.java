package org.glancej.imports.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import org.glancej.auth.RequestContext;
import org.glancej.images.data.format.DeclaredFormatCheck;
import org.glancej.images.data.format.InspectionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code image_conversion}: converts the staged data to {@code [image_conversion] output_format} with
 * {@code qemu-img convert}, in upstream's order of checks: the upload path's format inspection must find the
 * declared {@code disk_format} and no safety violation (backing file, data-file, VMDK extents naming files...)
 * before qemu-img sees the file; {@code qemu-img info} under upstream's limits must agree on the format and show
 * no backing file, no data-file and an allowed VMDK create-type; the output is inspected again and must be of
 * the target format. The image then gets the target {@code disk_format}, {@code container_format} bare, the new
 * size and the virtual size qemu-img reported. An ISO is kept as it is; data already in the target format is not
 * rewritten.
 *
 * <p>Beyond upstream: {@code qemu-img convert} runs under limits too ({@link ProcessLimits#convert}); a
 * {@code vhd} image is handed to qemu-img as its {@code vpc} driver, which upstream's conversion fails on; error
 * messages never carry the staging path.
 */
final class ConversionPlugin implements ImportPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(ConversionPlugin.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> QEMU_DRIVERS = Map.of("vhd", "vpc");

    private final String outputFormat;
    private final List<String> vmdkAllowedTypes;
    private final DeclaredFormatCheck formatCheck;
    private final QemuImg qemuImg;

    ConversionPlugin(String outputFormat, List<String> vmdkAllowedTypes, DeclaredFormatCheck formatCheck,
            QemuImg qemuImg) {
        this.outputFormat = outputFormat;
        this.vmdkAllowedTypes = List.copyOf(vmdkAllowedTypes);
        this.formatCheck = formatCheck;
        this.qemuImg = qemuImg;
    }

    @Override
    public String name() {
        return ImportPluginsConfig.IMAGE_CONVERSION;
    }

    @Override
    public ImageChanges apply(StagedImage image, RequestContext caller, ImportProgress progress) {
        Path source = image.data();
        String sourceFormat = String.valueOf(image.diskFormat());
        String detected = inspect(source);
        if (detected.equals("iso")) {
            if (sourceFormat.equals("iso")) {
                return ImageChanges.NONE;
            }
            throw fail("Image has disallowed configuration: disk_format is " + sourceFormat
                    + " but the data is an ISO");
        }
        if (!detected.equals(sourceFormat)) {
            throw fail("Image format mismatch: disk_format is " + sourceFormat + " but the data is " + detected);
        }
        long virtualSize = checkWithQemu(source, sourceFormat);
        if (sourceFormat.equals(outputFormat)) {
            LOG.debug("image {} is already {}, not converting", image.imageId(), outputFormat);
            return ImageChanges.NONE.withVirtualSize(virtualSize);
        }
        Path output = StagedFiles.scratch(source, "converted");
        try {
            long size = convert(source, sourceFormat, output, virtualSize, progress);
            StagedFiles.replace(output, source);
            LOG.info("converted image {} from {} to {}: {} bytes", image.imageId(), sourceFormat, outputFormat, size);
            return new ImageChanges(Optional.of(outputFormat), Optional.of("bare"), OptionalLong.of(size),
                    OptionalLong.of(virtualSize), Map.of(), true);
        } catch (IOException e) {
            StagedFiles.deleteQuietly(output);
            throw new ImportPluginFailure(name(), "Image conversion failed: " + StagedFiles.reason(e), e);
        } catch (RuntimeException | Error e) {
            StagedFiles.deleteQuietly(output);
            throw e;
        }
    }

    /** The inspected format (a GPT disk counts as raw, as upstream), after refusing unsafe data. */
    private String inspect(Path file) {
        InspectionResult inspection;
        try {
            inspection = FileInspection.inspect(file);
        } catch (IOException e) {
            throw new ImportPluginFailure(name(), "Unable to inspect image", e);
        }
        List<String> fatal = formatCheck.fatalViolations(inspection);
        if (!fatal.isEmpty()) {
            LOG.warn("refusing to convert: {} image failed safety checks: {}", inspection.format(), fatal);
            throw fail("Image has disallowed configuration: " + String.join("; ", fatal));
        }
        return inspection.format().equals("gpt") ? "raw" : inspection.format();
    }

    /** {@code qemu-img info} under upstream's limits; returns the virtual size. */
    private long checkWithQemu(Path source, String sourceFormat) {
        String driver = QEMU_DRIVERS.getOrDefault(sourceFormat, sourceFormat);
        QemuImg.Result info = run(List.of("info", "-f", driver, "--output=json", source.toString()), ProcessLimits.INFO,
                source, "introspection");
        JsonNode metadata;
        try {
            metadata = JSON.readTree(info.stdout());
        } catch (IOException e) {
            throw fail("Image introspection failed: qemu-img info gave no readable answer");
        }
        String reported = metadata.path("format").asText("unknown");
        if (!reported.equals(driver)) {
            throw fail("Image metadata disagrees about format: disk_format is " + sourceFormat + ", qemu-img reports "
                    + reported);
        }
        if (metadata.has("backing-filename")) {
            throw fail("QCOW images with backing files are not allowed");
        }
        JsonNode specific = metadata.path("format-specific").path("data");
        if (specific.hasNonNull("data-file")) {
            throw fail("QCOW images with data-file set are not allowed");
        }
        if (reported.equals("vmdk")) {
            String createType = specific.path("create-type").asText("");
            if (createType.isEmpty()) {
                throw fail("Unable to determine VMDK create-type");
            }
            if (vmdkAllowedTypes.isEmpty()) {
                throw fail("Image is a VMDK, but no VMDK createType is specified");
            }
            if (!vmdkAllowedTypes.contains(createType)) {
                throw fail("Invalid VMDK create-type specified");
            }
        }
        return metadata.path("virtual-size").asLong(0);
    }

    private long convert(Path source, String sourceFormat, Path output, long virtualSize, ImportProgress progress)
            throws IOException {
        Files.deleteIfExists(output);
        progress.phase("converting", OptionalLong.of(virtualSize));
        long[] done = {0};
        IntConsumer advance = hundredths -> {
            long now = virtualSize / 10_000 * hundredths + virtualSize % 10_000 * hundredths / 10_000;
            progress.advance(now - done[0]);
            done[0] = now;
        };
        run(List.of("convert", "-p", "-f", QEMU_DRIVERS.getOrDefault(sourceFormat, sourceFormat), "-O",
                QEMU_DRIVERS.getOrDefault(outputFormat, outputFormat), source.toString(), output.toString()),
                ProcessLimits.convert(virtualSize), source, "conversion", advance);
        advance.accept(10_000);
        String converted = inspect(output);
        if (!converted.equals(outputFormat)) {
            LOG.warn("image detected as {} after conversion to {}", converted, outputFormat);
            throw fail("Converted image in unexpected format");
        }
        return Files.size(output);
    }

    private QemuImg.Result run(List<String> arguments, ProcessLimits limits, Path source, String step) {
        return run(arguments, limits, source, step, hundredths -> {});
    }

    private QemuImg.Result run(List<String> arguments, ProcessLimits limits, Path source, String step,
            IntConsumer progress) {
        QemuImg.Result result;
        try {
            result = qemuImg.run(arguments, limits, progress);
        } catch (IOException e) {
            String why = Thread.currentThread().isInterrupted() ? "interrupted" : "cannot run qemu-img";
            throw new ImportPluginFailure(name(), "Image " + step + " failed: " + why, e);
        }
        if (result.killedByLimit()) {
            throw fail("Image " + step + " failed: qemu-img exceeded its resource limits");
        }
        if (!result.succeeded() || !result.stderr().isBlank()) {
            String detail = result.stderr().strip().replace(source.getParent().toString() + "/", "");
            throw fail("Image " + step + " failed: " + (detail.isEmpty() ? "qemu-img exit code " + result.exitCode()
                    : detail.lines().findFirst().orElse(detail)));
        }
        return result;
    }

    private ImportPluginFailure fail(String message) {
        return new ImportPluginFailure(name(), message);
    }
}
