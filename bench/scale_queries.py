"""The list queries of the scale benchmark, for a data set of bench/scale_build.py (see bench/README.md, Scale).

Values are chosen from the builder's formulas so that each query selects a known part of the data set: the
"deep" image sits in the middle of every order (image n = N/2, moved up to the next public, active, visible one
so that every caller can use it as a marker), instants are its own created_at / updated_at.
"""
import datetime

EPOCH = datetime.datetime(2020, 1, 1)
SORT_KEYS = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"]


def created_at(n):
    return EPOCH + datetime.timedelta(seconds=n // 2 * 900)


def updated_at(n):
    return created_at(n) + datetime.timedelta(hours=n * 37 % 1000)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def plain_public(n):
    """Image n is public, active, not hidden and not deleted (bench/scale_build.py's rules)."""
    return n % 10 < 7 and n % 50 != 7 and n % 97 != 3 and n % 500 != 250 and n % 37 != 11


def deep_number(images):
    n = images // 2
    while not plain_public(n):
        n += 1
    return n


def name(n):
    return f"img-{n:07d}"


def catalogue(images):
    """[(group, query)] with {deep} (the deep image's id), {other} (another image's id) and {owner} (the deep
    image's owner) to fill in; the issue's table comes first."""
    deep = deep_number(images)
    some = min(54321, images)
    c = [("issue", q) for q in [
        "", "limit=1000", "tag=tag-42", "os_distro=cirros", "os_version=29&hw_disk_bus=scsi",
        f"name={name(some)}", "sort=name:desc", "sort_key=size&sort_dir=asc&limit=100",
        "size_min=50000&size_max=50100", "sort_key=name&marker={deep}"]]
    c += [("filter", q) for q in [
        f"name=in:{name(100)},{name(deep)},{name(some)}", "id={deep}", "id=in:{deep},{other}",
        "status=queued", "status=in:queued,deactivated", "disk_format=iso", "disk_format=in:vhd,iso",
        "container_format=docker", "container_format=in:ovf,ami", "disk_format=qcow2&container_format=bare",
        "visibility=all", "visibility=public", "visibility=private", "visibility=shared", "visibility=community",
        "visibility=shared&member_status=pending", "visibility=shared&member_status=rejected",
        "visibility=shared&member_status=all", "owner={owner}", "os_hidden=true", "protected=true",
        "protected=false", f"size_min={images - 100}", "size_max=100"]]
    for field, when in (("created_at", created_at(deep)), ("updated_at", updated_at(deep))):
        c += [("time", f"{field}={op}:{iso(when)}") for op in ("gt", "gte", "lt", "lte", "eq", "neq")]
    c += [("combined", q) for q in [
        "tag=tag-42&os_distro=ubuntu", "tag=tag-42&tag=tag-43", "os_version=29&sort=name:asc",
        "visibility=public&status=active&disk_format=qcow2&os_distro=cirros&sort=size:asc",
        "status=active&protected=true&sort=updated_at:asc&limit=100", "limit=1000&marker={deep}",
        "sort=updated_at:asc&limit=1000"]]
    for key in SORT_KEYS:
        for direction in ("asc", "desc"):
            c.append(("sort", f"sort={key}:{direction}"))
            c.append(("marker", f"sort={key}:{direction}&marker={{deep}}"))
    c += [("marker", q) for q in [
        "marker={deep}", "sort=status:asc,size:desc&marker={deep}",
        "sort_key=disk_format&sort_key=created_at&sort_dir=asc&sort_dir=desc&marker={deep}"]]
    return c
