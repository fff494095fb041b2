/**
 * Streaming disk-image inspection: {@link org.glancej.images.data.format.FormatInspector} is fed an upload's
 * bytes in order and reports the format, virtual size and safety violations without qemu-img and without
 * buffering the image.
 *
 * <p>Layouts come from the format specifications and qemu's block drivers; which checks run follows upstream
 * Glance's inspector (oslo.utils {@code imageutils.format_inspector}). Where this package is deliberately
 * stricter or closer to qemu than upstream:
 * <ul>
 *   <li>bytes that carry a format's magic but a broken structure are reported as that format with a violation,
 *       not silently demoted to raw, since qemu's probe would still treat them as that format;</li>
 *   <li>VMDK: a {@code parentFileNameHint}, a sparse header without capacity (qemu then follows the embedded
 *       descriptor's extents), the legacy COWD format and every descriptor-only file are refused;</li>
 *   <li>VHD differencing disks and VHDX parent locators are refused; qcow2 is also refused when only its
 *       data-file header extension names an external file;</li>
 *   <li>the VHD virtual size follows qemu (CHS geometry or current size by creator), a fixed VHD is recognised
 *       by its trailing footer, and a streamOptimized VMDK footer's capacity wins over the header's, as in
 *       qemu;</li>
 *   <li>sizes qemu refuses to open are refused: a qcow2 whose L1 table cannot map its size, a VHD over 2040 GiB,
 *       a VDI over qemu's maximum; an ISO needs a valid block size and no more blocks than it carries;</li>
 *   <li>a text VMDK descriptor is recognised by qemu's own probe too, which skips comment lines whatever bytes
 *       they hold.</li>
 * </ul>
 *
 * <p>{@link org.glancej.images.data.format.DeclaredFormatCheck} then holds the result against the declared
 * {@code disk_format} under {@code [image_format] require_image_format_match} and
 * {@code gpt_safety_checks_nonfatal}, as upstream's upload path does (and, beyond upstream, refuses {@code raw}
 * for content qemu would open as another format).
 */
package org.glancej.images.data.format;
