#!/usr/bin/python3
"""Runs upstream Glance's image_conversion task (the installed release) once on a staged file and prints the
seconds it took, the resulting disk_format and size: STAGED_FILE DISK_FORMAT OUTPUT_FORMAT. The converted file
replaces nothing: upstream writes STAGED_FILE.<format> and removes STAGED_FILE, as it does in an import."""
import sys
import time

from oslo_config import cfg

import glance.common.wsgi  # noqa: F401  registers [wsgi] python_interpreter
from glance.async_.flows.plugins import image_conversion


class _Action:
    def __init__(self, disk_format):
        self.image_disk_format = disk_format
        self.attributes = {}

    def set_image_attribute(self, **attributes):
        self.attributes.update(attributes)


class _Wrapper:
    image_id = 'bench'

    def __init__(self, action):
        self.action = action

    def __enter__(self):
        return self.action

    def __exit__(self, *exc):
        return False


def main():
    staged, disk_format, output_format = sys.argv[1:4]
    cfg.CONF([], project='glance', default_config_files=[])
    cfg.CONF.set_override('output_format', output_format, group='image_conversion')
    action = _Action(disk_format)
    task = image_conversion._ConvertImage(None, 'bench-task', 'api_image_import', _Wrapper(action))
    start = time.monotonic()
    task.execute('file://' + staged)
    seconds = time.monotonic() - start
    print('%.3f %s %d' % (seconds, action.attributes.get('disk_format', disk_format),
                          action.attributes.get('size', -1)))


if __name__ == '__main__':
    main()
