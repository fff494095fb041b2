#!/usr/bin/python3
"""Upstream glance_store's s3 driver on the same bucket, for the interoperability test.

    upstream_s3.py read <location>          prints "<size> <md5>" of what upstream reads there
    upstream_s3.py write <image id> <size>  writes the test pattern as upstream does, prints "<location> <md5>"

The S3 options come from GLANCE_S3_ENDPOINT / ACCESS_KEY / SECRET_KEY / BUCKET; UPSTREAM_S3_LARGE_MIB and
UPSTREAM_S3_CHUNK_MIB set upstream's multipart threshold and part size.
"""
import hashlib
import io
import os
import sys

from oslo_config import cfg
import glance_store

CONF = cfg.CONF


def configure():
    glance_store.register_opts(CONF)
    CONF([], project='glance', default_config_files=[])
    options = {
        'stores': ['s3'],
        'default_store': 's3',
        's3_store_host': os.environ['GLANCE_S3_ENDPOINT'],
        's3_store_access_key': os.environ['GLANCE_S3_ACCESS_KEY'],
        's3_store_secret_key': os.environ['GLANCE_S3_SECRET_KEY'],
        's3_store_bucket': os.environ['GLANCE_S3_BUCKET'],
        's3_store_large_object_size': int(os.environ.get('UPSTREAM_S3_LARGE_MIB', '100')),
        's3_store_large_object_chunk_size': int(os.environ.get('UPSTREAM_S3_CHUNK_MIB', '10')),
    }
    for name, value in options.items():
        CONF.set_override(name, value, group='glance_store')
    glance_store.create_stores(CONF)
    glance_store.verify_default_store()


def pattern(size):
    """The bytes i % 251 for i in 0..size-1, as the Java side makes them."""
    block = bytes(range(251)) * (1 + size // 251)
    return block[:size]


def main():
    configure()
    if sys.argv[1] == 'read':
        data, size = glance_store.get_from_backend(sys.argv[2])
        md5 = hashlib.md5()
        total = 0
        for chunk in data:
            md5.update(chunk)
            total += len(chunk)
        assert total == size == glance_store.get_size_from_backend(sys.argv[2])
        print(total, md5.hexdigest())
    elif sys.argv[1] == 'write':
        content = pattern(int(sys.argv[3]))
        location, _, checksum, _, _ = glance_store.add_to_backend_with_multihash(
            CONF, sys.argv[2], io.BytesIO(content), len(content), 'sha512')
        print(location, checksum)
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
