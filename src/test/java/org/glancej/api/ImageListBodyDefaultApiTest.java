package org.glancej.api;

/**
 * {@link ImageListBodyApiTest} in the default configuration, where an image shows nothing read from its locations
 * and a list page therefore reads none: its images are still their shows byte for byte.
 */
class ImageListBodyDefaultApiTest extends ImageListBodyApiTest {
    @Override
    protected String extraConfig() {
        return "";
    }
}
