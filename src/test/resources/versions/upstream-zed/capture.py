# Writes upstream Glance's versions document (GET /, 300) for each combination of image cache
# (image_cache_dir) and multistore (enabled_backends), by calling upstream's own controller
# (Debian 12 glance 2:25.1.0, Zed) for a request to http://127.0.0.1:9292/.
# usage: /usr/bin/python3 capture.py OUT_DIR
import os
import sys

import webob
from oslo_config import cfg

import glance.common.config  # noqa: registers public_endpoint's neighbours
import glance.common.wsgi  # noqa: registers enabled_backends
import glance.image_cache  # noqa: registers image_cache_dir
from glance.api import versions

CONF = cfg.CONF
CONF([], project='glance', default_config_files=[])
for cache in (False, True):
    for multistore in (False, True):
        CONF.set_override('image_cache_dir', '/tmp/cache' if cache else None)
        CONF.set_override('enabled_backends',
                          {'fast': 'file', 'slow': 'file'} if multistore else None)
        request = webob.Request.blank('/', base_url='http://127.0.0.1:9292/')
        response = versions.Controller().index(request)
        name = 'cache-%s-multistore-%s.json' % (str(cache).lower(), str(multistore).lower())
        with open(os.path.join(sys.argv[1], name), 'wb') as f:
            f.write(response.body)
