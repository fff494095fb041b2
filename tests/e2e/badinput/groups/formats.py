"""Hostile and mislabelled disk images uploaded with PUT /file (container_format bare)."""
from ..case import case

G = "formats"
# Upstream master refuses a content mismatch or a failed safety check with 415 (InvalidImageData is
# mapped to HTTPUnsupportedMediaType since 2024.2); issue 7 asks for 400. Either is a clean refusal.
REFUSED = (400, 415)
REFUSED_NOTE = "upstream master answers 415 (InvalidImageData), issue 7 asks 400: either refuses cleanly"

# disk_format -> honest image of that format, its virtual size
HONEST = {
    "qcow2": ("qcow2", 1 << 20),
    "vmdk": ("vmdk_sparse", 1 << 20),
    "vhd": ("vhd", None),  # qemu rounds VHD sizes to its CHS geometry
    "vhdx": ("vhdx", 1 << 20),
    "vdi": ("vdi", 1 << 20),
    "iso": ("iso", 32 * 2048),
}


def refused(name, image, disk_format, why=""):
    return case(G, name, REFUSED, lambda c: c.upload_new(c.fixture("images").get(image), disk_format),
                note=REFUSED_NOTE + (f"; {why}" if why else ""), upload=True)


def accepted(name, image, disk_format, virtual_size=None):
    def run(c):
        image_id = c.new_image(disk_format)
        res = c.upload(image_id, c.fixture("images").get(image))
        if res.status == 204:
            doc = c.image(image_id)
            c.check(doc["status"] == "active", f"status {doc['status']} after the upload, not active")
            if virtual_size is not None:
                c.check(doc.get("virtual_size") == virtual_size,
                        f"virtual_size {doc.get('virtual_size')}, expected {virtual_size}")
        return res
    return case(G, name, 204, run, upload=True)


def cases():
    # honest images declared right: must pass (false positives would break real users)
    for fmt, (image, vsize) in HONEST.items():
        yield accepted(f"{fmt} declared {fmt}", image, fmt, vsize)
    yield accepted("qcow2 v2 (compat 0.10) declared qcow2", "qcow2_v2", "qcow2", 1 << 20)
    yield accepted("vmdk streamOptimized declared vmdk", "vmdk_stream", "vmdk", 1 << 20)
    yield accepted("GPT disk declared gpt", "gpt", "gpt")
    yield accepted("GPT disk declared raw (upstream allows raw disks with a partition table)", "gpt", "raw")
    yield accepted("MBR (DOS) disk declared raw", "mbr_dos", "raw")
    yield accepted("ISO with a GPT in its system area declared iso (upstream: iso+gpt is iso)", "iso_gpt", "iso")
    yield accepted("random bytes declared raw", "random", "raw", 1 << 20)
    for fmt in ("ami", "aki", "ari"):
        yield accepted(f"random bytes declared {fmt} (not inspectable)", "random", fmt)

    # qcow2 attacks (OSSA-2015-014, OSSA-2024-001, OSSA-2024-002)
    for fmt in ("qcow2", "raw"):
        yield refused(f"qcow2 with backing file /etc/passwd declared {fmt}", "qcow2_backing", fmt)
        yield refused(f"qcow2 with qcow2 backing file declared {fmt}", "qcow2_backing_qcow2", fmt)
        yield refused(f"qcow2 with external data file declared {fmt}", "qcow2_data_file", fmt)
        yield refused(f"qcow2 with unknown incompatible feature bit declared {fmt}", "qcow2_unknown_feature", fmt)
    yield refused("qcow2 with virtual size 2^62 declared qcow2", "qcow2_huge", "qcow2",
                  "qemu-img refuses it: Image is too big")
    yield refused("plain qcow2 declared raw", "qcow2", "raw",
                  "issue 7: raw declared for a recognised non-raw format is a mismatch (OSSA-2024-002)")
    for fmt in ("vmdk", "vhd", "vhdx", "vdi", "iso"):
        yield refused(f"plain qcow2 declared {fmt}", "qcow2", fmt)
    yield refused("truncated qcow2 header (50 bytes) declared qcow2", "qcow2_truncated", "qcow2")
    yield refused("qcow2 magic and zeros declared qcow2", "qcow2_magic_only", "qcow2")

    # VMDK descriptors pointing at host files (OSSA-2023-002)
    vmdks = {
        "monolithicFlat extent /etc/shadow": "vmdk_flat_shadow",
        "monolithicFlat after a # comment line with binary bytes": "vmdk_flat_comment_bypass",
        "monolithicFlat extent ../../../../etc/passwd": "vmdk_flat_relative",
        "twoGbMaxExtentFlat extent /etc/passwd": "vmdk_two_gb_flat",
        "descriptor with SPARSE extent in another file": "vmdk_sparse_extent_file",
        "vmfs descriptor": "vmdk_vmfs",
        "sparse VMDK whose embedded descriptor is monolithicFlat /etc/shadow": "vmdk_embedded_flat",
    }
    for label, image in vmdks.items():
        for fmt in ("vmdk", "raw"):
            yield refused(f"VMDK {label} declared {fmt}", image, fmt,
                          "issue 7: a VMDK descriptor is refused whatever format is declared")
    yield refused("sparse VMDK declared qcow2", "vmdk_sparse", "qcow2")
    yield refused("sparse VMDK declared raw", "vmdk_sparse", "raw", "issue 7: recognised non-raw as raw")

    # absurd sizes
    yield refused("VHD with current size 2^62 declared vhd", "vhd_huge", "vhd", "qemu-img: File too large")
    yield refused("ISO claiming 0xFFFFFFFF blocks of 65535 bytes declared iso", "iso_huge", "iso")

    # partition tables
    for fmt in ("gpt", "raw"):
        yield refused(f"GPT with an invalid MBR boot flag declared {fmt}", "gpt_bad_boot_flag", fmt,
                      "upstream runs the gpt safety checks on data detected as gpt, also when declared raw")
        yield refused(f"GPT with extra MBR partitions declared {fmt}", "gpt_extra_partition", fmt)
        yield refused(f"GPT with protective partition not at LBA 1 declared {fmt}", "gpt_bad_start_lba", fmt)

    # encrypted and other formats declared raw or wrong
    yield refused("LUKS1 declared raw", "luks1", "raw", "issue 7: a LUKS image is not raw")
    yield refused("LUKS1 declared qcow2", "luks1", "qcow2")
    yield refused("VDI declared raw", "vdi", "raw", "issue 7: a VDI is not raw")
    yield refused("VHDX declared vhd", "vhdx", "vhd")
    yield refused("VHD declared vhdx", "vhd", "vhdx")
    yield refused("ISO declared qcow2", "iso", "qcow2")

    # random bytes declared as each inspectable format
    for fmt in ("qcow2", "vmdk", "vhd", "vhdx", "iso", "vdi"):
        yield refused(f"1 MiB of random bytes declared {fmt}", "random", fmt)
    # empty and tiny bodies
    for fmt in ("qcow2", "vmdk", "vhd", "vhdx", "vdi", "iso"):
        yield case(G, f"empty body declared {fmt}", REFUSED, lambda c, f=fmt: c.upload_new(b"", f),
                   note=REFUSED_NOTE, upload=True)
    yield case(G, "one byte declared qcow2", REFUSED, lambda c: c.upload_new(b"Q", "qcow2"),
               note=REFUSED_NOTE, upload=True)
    yield case(G, "empty body declared raw", 204, lambda c: c.upload_new(b"", "raw"), upload=True)

    # size cap ([DEFAULT] image_size_cap = 16 MiB in the suite's configuration)
    yield case(G, "17 MiB upload over image_size_cap", 413,
               lambda c: c.upload_new(bytes(17 << 20), "raw"), upload=True)
    yield case(G, "chunked 17 MiB upload over image_size_cap", 413,
               lambda c: c.upload(c.new_image("raw"), iter([bytes(1 << 20)] * 17),
                                  headers={"Transfer-Encoding": "chunked"}), upload=True)
