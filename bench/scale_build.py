#!/usr/bin/python3
"""Fills a database that `glance-manage db_sync` made with N images, by SQL only (see bench/README.md, Scale).

Every row is a function of the image's number n (1..N), so each batch is one INSERT ... SELECT per table over a
generated sequence (MariaDB's seq_A_to_B, PostgreSQL's generate_series, a recursive CTE on SQLite): no row goes
through the client. The same n gives the same image on every database.

Per image: name img-%07d, a UUID-shaped id (a bijection of n, so unique and spread), one of the owners, mostly
public (70%) plus private, shared (with two members, pending/accepted/rejected) and community, some queued
(no size), deactivated, os_hidden, protected, a few deleted rows; created_at every 15 minutes from 2020 with two
images per instant (ties on the sort key), updated_at later; sizes are a permutation of 1..N (so size ranges
select a known count); 3 properties (os_distro, os_version 1..50, hw_disk_bus), 1 tag tag-<n % 1000> and one
file location for images with data, written as upstream writes them (deleted=0, created_at set).
"""
import argparse
import subprocess
import sys
import time

BATCH = 100_000
DISTROS = ["cirros", "ubuntu", "fedora", "debian", "centos", "rhel", "windows", "alpine"]
DISK_FORMATS = ["qcow2", "raw", "vmdk", "vhd", "iso", "ami", "vdi", "ploop"]
CONTAINER_FORMATS = ["bare", "ovf", "ami", "docker", "compressed"]
BUSES = ["scsi", "virtio", "ide", "sata"]
MEMBER_STATUSES = ["pending", "accepted", "rejected"]
OS_VERSIONS = 50
TAGS = 1000
DEFAULT_OWNERS = ["%032x" % (0x5ca1e0000 + i) for i in range(8)]


class Dialect:
    """The few expressions that differ between the three databases; n is the sequence column."""

    def __init__(self, name):
        self.name = name

    def hex(self, expr, width):
        if self.name == "mariadb":
            return f"LPAD(LOWER(HEX({expr})), {width}, '0')"
        if self.name == "postgresql":
            return f"lpad(to_hex({expr}), {width}, '0')"
        return f"printf('%0{width}x', {expr})"

    def concat(self, *parts):
        if self.name == "mariadb":
            return "CONCAT(" + ", ".join(parts) + ")"
        return "(" + " || ".join(parts) + ")"

    def digits(self, expr, width):
        if self.name == "mariadb":
            return f"LPAD({expr}, {width}, '0')"
        if self.name == "postgresql":
            return f"lpad(({expr})::text, {width}, '0')"
        return f"printf('%0{width}d', {expr})"

    def div(self, a, b):
        return f"(({a}) DIV {b})" if self.name == "mariadb" else f"(({a}) / {b})"

    def time(self, seconds):
        """2020-01-01 plus SECONDS (an integer expression), as each database keeps a DATETIME."""
        if self.name == "mariadb":
            return f"TIMESTAMPADD(SECOND, {seconds}, '2020-01-01 00:00:00')"
        if self.name == "postgresql":
            return f"(timestamp '2020-01-01 00:00:00' + ({seconds}) * interval '1 second')"
        # SQLAlchemy's text form, which both services read and write on SQLite
        return f"(datetime('2020-01-01 00:00:00', '+' || ({seconds}) || ' seconds') || '.000000')"

    def boolean(self, condition):
        if self.name == "postgresql":
            return f"({condition})"
        return f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    def pick(self, values, index):
        cases = " ".join(f"WHEN {i} THEN '{v}'" for i, v in enumerate(values))
        return f"(CASE {index} {cases} END)"

    def source(self, first, last):
        """FROM clause producing column n = first..last."""
        if self.name == "mariadb":
            return f"(SELECT seq AS n FROM seq_{first}_to_{last}) s"
        if self.name == "postgresql":
            return f"generate_series({first}::bigint, {last}::bigint) AS s(n)"
        return (f"(WITH RECURSIVE r(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM r WHERE n < {last}) "
                f"SELECT n FROM r) s")


class Images:
    """Column expressions of image n."""

    def __init__(self, d, owners):
        self.d = d
        self.owners = owners

    def id(self):
        d = self.d
        return d.concat(d.hex("(n * 2654435761) % 4294967296", 8), "'-'", d.hex("(n * 40503) % 65536", 4),
                        "'-4'", d.hex("(n * 7919) % 4096", 3), "'-a'", d.hex("(n * 104729) % 4096", 3), "'-'",
                        d.hex("(n * 2246822519) % 281474976710656", 12))

    def deleted(self):
        return "n % 500 = 250"

    def status(self):
        return ("(CASE WHEN n % 500 = 250 THEN 'deleted' WHEN n % 50 = 7 THEN 'queued' "
                "WHEN n % 97 = 3 THEN 'deactivated' ELSE 'active' END)")

    def has_data(self):
        return "n % 50 <> 7"

    def visibility(self):
        cast = "::image_visibility" if self.d.name == "postgresql" else ""
        return "(CASE n % 10 WHEN 7 THEN 'private' WHEN 8 THEN 'shared' WHEN 9 THEN 'community' ELSE 'public' END)" + cast

    def created_seconds(self):
        return f"{self.d.div('n', 2)} * 900"

    def created_at(self):
        return self.d.time(self.created_seconds())

    def updated_at(self):
        return self.d.time(f"{self.created_seconds()} + (n * 37) % 1000 * 3600")

    def owner(self):
        return self.d.pick(self.owners, f"n % {len(self.owners)}")

    def member(self, offset):
        return self.d.pick(self.owners, f"(n + {offset}) % {len(self.owners)}")


def image_rows(d, im, total):
    size = f"((n * 7919) % {total} + 1)"
    data = im.has_data()
    checksum = d.concat(d.hex("(n * 2654435761) % 4294967296", 8), d.hex("(n * 40503) % 4294967296", 8),
                        d.hex("(n * 7919) % 4294967296", 8), d.hex("(n * 104729) % 4294967296", 8))
    hash_value = d.concat(*[checksum] * 4)
    columns = {
        "id": im.id(),
        "name": d.concat("'img-'", d.digits("n", 7)),
        "size": f"(CASE WHEN {data} THEN {size} END)",
        "status": im.status(),
        "created_at": im.created_at(),
        "updated_at": im.updated_at(),
        "deleted_at": f"(CASE WHEN {im.deleted()} THEN {im.updated_at()} END)",
        "deleted": d.boolean(im.deleted()),
        "disk_format": d.pick(DISK_FORMATS, f"n % {len(DISK_FORMATS)}"),
        "container_format": d.pick(CONTAINER_FORMATS, f"n % {len(CONTAINER_FORMATS)}"),
        "checksum": f"(CASE WHEN {data} THEN {checksum} END)",
        "owner": im.owner(),
        "min_disk": "n % 20",
        "min_ram": "n % 8 * 512",
        "protected": d.boolean("n % 29 = 5"),
        "virtual_size": f"(CASE WHEN {data} THEN {size} * (1 + n % 3) END)",
        "visibility": im.visibility(),
        "os_hidden": d.boolean("n % 37 = 11"),
        "os_hash_algo": f"(CASE WHEN {data} THEN 'sha512' END)",
        "os_hash_value": f"(CASE WHEN {data} THEN {hash_value} END)",
    }
    return "images", columns, None


def child_common(d, im):
    return {"image_id": im.id(), "created_at": im.created_at(), "updated_at": im.created_at(),
            "deleted_at": f"(CASE WHEN {im.deleted()} THEN {im.updated_at()} END)",
            "deleted": d.boolean(im.deleted())}


def property_rows(d, im, name, value):
    return "image_properties", dict(child_common(d, im), name=f"'{name}'", value=value), None


def tables(d, im, total):
    """(table, columns, extra WHERE) for every INSERT of a batch, images first."""
    yield image_rows(d, im, total)
    yield property_rows(d, im, "os_distro", d.pick(DISTROS, f"{d.div('n', 7)} % {len(DISTROS)}"))
    version = f"(n % {OS_VERSIONS} + 1)"
    yield property_rows(d, im, "os_version", f"{version}::text" if d.name == "postgresql" else d.concat("''", version))
    yield property_rows(d, im, "hw_disk_bus", d.pick(BUSES, f"{d.div('n', 3)} % {len(BUSES)}"))
    yield "image_tags", dict(child_common(d, im), value=d.concat("'tag-'", f"(n % {TAGS})")), None
    location = d.concat("'file:///var/lib/glance/images/'", im.id())
    yield ("image_locations", dict(child_common(d, im), value=location, meta_data="'{}'", status="'active'"),
           im.has_data())
    for offset, rotate in ((1, 0), (2, 1)):
        status = d.pick(MEMBER_STATUSES, f"({d.div('n', 10)} + {rotate}) % {len(MEMBER_STATUSES)}")
        columns = dict(child_common(d, im), member=im.member(offset), can_share=d.boolean("1 = 0"), status=status)
        yield "image_members", columns, "n % 10 = 8"


def insert(d, table, columns, where, first, last):
    names = ", ".join(columns)
    values = ", ".join(columns.values())
    sql = f"INSERT INTO {table} ({names}) SELECT {values} FROM {d.source(first, last)}"
    return sql + (f" WHERE {where}" if where else "")


class Client:
    """Runs SQL through the database's command line tool; one process per statement list."""

    def __init__(self, args):
        self.args = args

    def run(self, statements):
        a = self.args
        script = ";\n".join(statements) + ";\n"
        if a.db == "mariadb":
            command = ["mariadb", "--no-defaults", "-h", a.host, "-P", str(a.port), "-u", a.user,
                       f"-p{a.password}", "-N", a.database]
            script = "SET foreign_key_checks = 0; SET unique_checks = 0;\n" + script
        elif a.db == "postgresql":
            command = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", a.host, "-p", str(a.port), "-U", a.user,
                       "-d", a.database]
        else:
            command = ["sqlite3", "-bail", a.database]
            script = "PRAGMA synchronous = OFF;\nPRAGMA foreign_keys = OFF;\nBEGIN;\n" + script + "COMMIT;\n"
        env = {"PGPASSWORD": a.password, "PATH": "/usr/bin:/bin"}
        done = subprocess.run(command, input=script, text=True, env=env, capture_output=True)
        if done.returncode != 0:
            sys.exit(f"scale build: {a.db} failed: {done.stderr.strip()[:2000]}")
        return done.stdout


def counts(client, d):
    names = ["images", "image_properties", "image_tags", "image_locations", "image_members"]
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {t}" for t in names)
    return client.run([union]).strip()


def analyze(client, d):
    if d.name == "mariadb":
        client.run(["ANALYZE TABLE images, image_properties, image_tags, image_locations, image_members"])
    else:
        client.run(["ANALYZE"])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["mariadb", "postgresql", "sqlite"], required=True)
    p.add_argument("--images", type=int, required=True)
    p.add_argument("--database", required=True, help="database name (SQLite: the file)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--user", default="glance")
    p.add_argument("--password", default="")
    p.add_argument("--owners", default=",".join(DEFAULT_OWNERS), help="comma-separated project ids")
    args = p.parse_args()
    owners = [o for o in args.owners.split(",") if o]
    if len(owners) < 3:
        sys.exit("scale build: give at least 3 owners (members are the next two owners of an image's owner)")
    d = Dialect(args.db)
    im = Images(d, owners)
    client = Client(args)
    started = time.monotonic()
    for first in range(1, args.images + 1, BATCH):
        last = min(first + BATCH - 1, args.images)
        t0 = time.monotonic()
        client.run([insert(d, table, columns, where, first, last) for table, columns, where in
                    tables(d, im, args.images)])
        print(f"  images {first:>9,}..{last:>9,}  {time.monotonic() - t0:6.1f} s", flush=True)
    loaded = time.monotonic() - started
    t0 = time.monotonic()
    analyze(client, d)
    print(f"  ANALYZE {time.monotonic() - t0:.1f} s")
    print("rows:")
    for line in counts(client, d).splitlines():
        table, _, count = line.replace("|", "\t").partition("\t")
        print(f"  {table:<18} {int(count):>10,}")
    print(f"loaded in {loaded:.1f} s, {time.monotonic() - started:.1f} s with ANALYZE")


if __name__ == "__main__":
    main()
