# Writes the six /v2/schemas documents exactly as upstream Glance serves them, by calling
# upstream's own code (Debian 12 glance 2:25.1.0, Zed).
# usage: /usr/bin/python3 capture.py CONFIG_DIR|NONE OUT_DIR
#   CONFIG_DIR: glance-api.conf ([image_format]) and schema-image.json are looked up there first,
#               then in oslo.config's default places (/etc/glance); NONE: defaults, no custom properties
import os
import sys

from oslo_config import cfg
from oslo_serialization import jsonutils

import glance.common.config  # noqa: registers [image_format]
from glance.api.v2 import images
from glance.api.v2 import schemas

conf_dir, out = sys.argv[1], sys.argv[2]
files = [os.path.join(conf_dir, 'glance-api.conf')] if conf_dir != 'NONE' else []
cfg.CONF(['--config-dir', conf_dir] if conf_dir != 'NONE' else [], project='glance',
         default_config_files=[f for f in files if os.path.exists(f)])
custom = images.load_custom_properties() if conf_dir != 'NONE' else None
controller = schemas.Controller(custom)
for name in ('image', 'images', 'member', 'members', 'task', 'tasks'):
    with open(os.path.join(out, name + '.json'), 'wb') as f:
        f.write(jsonutils.dump_as_bytes(getattr(controller, name)(None)))
