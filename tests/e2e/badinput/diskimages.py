"""Disk images, honest and hostile, made for the format cases: qemu-img where it writes the format,
bytes patched or built here where no tool would write such a file. Made once per work directory."""
import os
import random
import struct
import subprocess

MiB = 1 << 20


class DiskImages:
    def __init__(self, work_dir):
        self.dir = os.path.join(work_dir, "disk-images")
        os.makedirs(self.dir, exist_ok=True)
        self._cache = {}

    def get(self, name):
        if name not in self._cache:
            path = os.path.join(self.dir, name)
            if not os.path.exists(path):
                data = getattr(self, "_make_" + name.replace("-", "_").replace(".", "_"))()
                with open(path + ".tmp", "wb") as f:
                    f.write(data)
                os.replace(path + ".tmp", path)
            with open(path, "rb") as f:
                self._cache[name] = f.read()
        return self._cache[name]

    def _qemu_img(self, name, fmt, size="1M", *options):
        path = os.path.join(self.dir, "q-" + name)
        if os.path.exists(path):
            os.remove(path)
        subprocess.run(["qemu-img", "create", "-q", "-f", fmt, *options, path, size], check=True,
                       stdout=subprocess.DEVNULL)
        with open(path, "rb") as f:
            return f.read()

    # --- honest images (must be accepted when declared right) ------------------------------------
    def _make_qcow2(self):
        return self._qemu_img("plain.qcow2", "qcow2")

    def _make_qcow2_v2(self):
        return self._qemu_img("v2.qcow2", "qcow2", "1M", "-o", "compat=0.10")

    def _make_vmdk_sparse(self):
        return self._qemu_img("sparse.vmdk", "vmdk")

    def _make_vmdk_stream(self):
        return self._qemu_img("stream.vmdk", "vmdk", "1M", "-o", "subformat=streamOptimized")

    def _make_vhd(self):
        return self._qemu_img("dynamic.vhd", "vpc")

    def _make_vhdx(self):
        return self._qemu_img("plain.vhdx", "vhdx")

    def _make_vdi(self):
        return self._qemu_img("plain.vdi", "vdi")

    def _make_iso(self):
        return iso(blocks=32, block_size=2048, total=64 * 1024)

    def _make_gpt(self):
        return mbr(partition_type=0xEE, start_chs=(0, 2, 0), start_lba=1, total=64 * 1024)

    def _make_mbr_dos(self):
        return mbr(partition_type=0x83, start_chs=(0, 33, 0), start_lba=2048, total=64 * 1024)

    def _make_iso_gpt(self):
        data = bytearray(iso(blocks=32, block_size=2048, total=64 * 1024))
        data[:512] = mbr(partition_type=0xEE, start_chs=(0, 2, 0), start_lba=1, total=512)
        return bytes(data)

    def _make_random(self):
        data = random.Random(7).randbytes(MiB)
        # keep it random for every inspector: no MBR signature by accident
        return data[:510] + b"\x00\x00" + data[512:]

    # --- hostile images ---------------------------------------------------------------------------
    def _make_qcow2_backing(self):
        return self._qemu_img("backing.qcow2", "qcow2", "1M", "-u", "-b", "/etc/passwd", "-F", "raw")

    def _make_qcow2_backing_qcow2(self):
        return self._qemu_img("backing2.qcow2", "qcow2", "1M", "-u", "-b", "/etc/hostname", "-F", "qcow2")

    def _make_qcow2_data_file(self):
        data_file = os.path.join(self.dir, "q-external-data.raw")
        return self._qemu_img("datafile.qcow2", "qcow2", "1M", "-o", f"data_file={data_file}")

    def _make_qcow2_huge(self):
        data = bytearray(self.get("qcow2"))
        data[24:32] = struct.pack(">Q", 1 << 62)
        return bytes(data)

    def _make_qcow2_unknown_feature(self):
        data = bytearray(self.get("qcow2"))
        incompatible = struct.unpack(">Q", data[72:80])[0] | (1 << 63)
        data[72:80] = struct.pack(">Q", incompatible)
        return bytes(data)

    def _make_qcow2_truncated(self):
        return self.get("qcow2")[:50]

    def _make_qcow2_magic_only(self):
        return b"QFI\xfb" + bytes(1020)

    def _make_vmdk_flat_shadow(self):
        return vmdk_descriptor('RW 2048 FLAT "/etc/shadow" 0')

    def _make_vmdk_flat_comment_bypass(self):
        return b"# \x00\xff\xfe\x80binary\x01\x02\x7f\n" + vmdk_descriptor('RW 2048 FLAT "/etc/shadow" 0')

    def _make_vmdk_flat_relative(self):
        return vmdk_descriptor('RW 2048 FLAT "../../../../etc/passwd" 0')

    def _make_vmdk_two_gb_flat(self):
        return vmdk_descriptor('RW 2048 FLAT "/etc/passwd" 0', create_type="twoGbMaxExtentFlat")

    def _make_vmdk_sparse_extent_file(self):
        return vmdk_descriptor('RW 2048 SPARSE "/var/lib/glance/other.vmdk"', create_type="monolithicSparse")

    def _make_vmdk_vmfs(self):
        return vmdk_descriptor('RW 2048 VMFS "/etc/shadow"', create_type="vmfs")

    def _make_vmdk_embedded_flat(self):
        """A sparse VMDK whose embedded descriptor claims monolithicFlat with a host file extent."""
        data = bytearray(self.get("vmdk_sparse"))
        start = data.index(b"# Disk DescriptorFile")
        end = data.index(b"\x00", start)
        text = data[start:end].decode("latin-1")
        text = text.replace('createType="monolithicSparse"', 'createType="monolithicFlat"')
        lines = [('RW 2048 FLAT "/etc/shadow" 0' if line.startswith("RW ") else line) for line in text.split("\n")]
        new = "\n".join(lines).encode("latin-1")
        data[start:start + len(new)] = new
        data[start + len(new):end] = bytes(max(0, end - start - len(new)))
        return bytes(data)

    def _make_vhd_huge(self):
        data = bytearray(self.get("vhd"))
        for offset in (0, len(data) - 512):
            footer = bytearray(data[offset:offset + 512])
            footer[40:48] = struct.pack(">Q", 1 << 62)
            footer[48:56] = struct.pack(">Q", 1 << 62)
            # qemu sizes images from Windows' tools by current_size, others by their CHS geometry
            footer[28:32] = b"win "
            footer[64:68] = b"\x00\x00\x00\x00"
            footer[64:68] = struct.pack(">I", ~sum(footer) & 0xFFFFFFFF)
            data[offset:offset + 512] = footer
        return bytes(data)

    def _make_iso_huge(self):
        return iso(blocks=0xFFFFFFFF, block_size=65535, total=64 * 1024)

    def _make_gpt_bad_boot_flag(self):
        data = bytearray(self.get("gpt"))
        data[446] = 0x42
        return bytes(data)

    def _make_gpt_extra_partition(self):
        data = bytearray(self.get("gpt"))
        data[446 + 16:446 + 32] = struct.pack("<B3BB3BII", 0, 0, 33, 0, 0x83, 0, 0, 0, 2048, 2048)
        return bytes(data)

    def _make_gpt_bad_start_lba(self):
        data = bytearray(self.get("gpt"))
        data[446 + 8:446 + 12] = struct.pack("<I", 7)
        return bytes(data)

    def _make_luks1(self):
        header = b"LUKS\xba\xbe" + struct.pack(">H", 1)
        header += b"aes".ljust(32, b"\0") + b"xts-plain64".ljust(32, b"\0") + b"sha256".ljust(32, b"\0")
        header += struct.pack(">II", 8, 32) + bytes(20) + bytes(32) + struct.pack(">I", 1000)
        header += b"8f2b1b2e-6f0e-4a3f-9a3b-2f8d2c1b0a99".ljust(40, b"\0")
        return header + bytes(64 * 1024 - len(header))


def vmdk_descriptor(extent, create_type="monolithicFlat"):
    return (
        "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\n"
        f'createType="{create_type}"\n\n# Extent description\n{extent}\n\n'
        '# The Disk Data Base\n#DDB\n\nddb.virtualHWVersion = "4"\nddb.geometry.cylinders = "2"\n'
        'ddb.geometry.heads = "16"\nddb.geometry.sectors = "63"\nddb.adapterType = "ide"\n'
    ).encode("ascii")


def iso(blocks, block_size, total):
    data = bytearray(total)
    pvd = 16 * 2048
    data[pvd:pvd + 7] = b"\x01CD001\x01"
    data[pvd + 80:pvd + 88] = struct.pack("<I", blocks) + struct.pack(">I", blocks)
    data[pvd + 128:pvd + 132] = struct.pack("<H", block_size) + struct.pack(">H", block_size)
    data[pvd + 2048:pvd + 2048 + 7] = b"\xffCD001\x01"  # set terminator
    return bytes(data)


def mbr(partition_type, start_chs, start_lba, total):
    data = bytearray(total)
    sectors = max(1, total // 512 - start_lba)
    data[446:462] = struct.pack("<B3BB3BII", 0, *start_chs, partition_type, 0xFE, 0xFF, 0xFF, start_lba, sectors)
    data[510:512] = b"\x55\xaa"
    return bytes(data)
