# Writes the reference data the policy tests compare with, produced by upstream's own code:
#   defaults.json  every rule upstream Glance registers: name, check string, legacy check string,
#                  scope types and operations (descriptions left out)
#   checks.json    check strings (hand-picked edge cases plus seeded random ones, some malformed) and,
#                  for each, oslo.policy's verdict for every persona x target pair
# usage: /usr/bin/python3 capture.py OUT_DIR [SITE_PACKAGES]
# SITE_PACKAGES holds glance, oslo.policy and oslo.context (e.g. Debian sid's python3-glance 33.0.0,
# python3-oslo.policy 6.0.1, python3-oslo.context 6.5.0 unpacked); the rest comes from the system.
import json
import logging
import os
import random
import sys
import warnings

if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])
warnings.simplefilter('ignore')
logging.disable(logging.CRITICAL)  # oslo.policy logs every unparsable rule

from oslo_config import cfg  # noqa: E402
from oslo_context import context  # noqa: E402
from oslo_policy import _parser, policy  # noqa: E402

import glance.policies  # noqa: E402

out = sys.argv[1]

defaults = []
for rule in glance.policies.list_rules():
    legacy = rule.deprecated_rule
    defaults.append({
        'name': rule.name,
        'check': rule.check_str,
        'deprecated': legacy.check_str if legacy else None,
        'scope_types': rule.scope_types or [],
        'operations': ['%s %s' % (op['method'], op['path'])
                       for op in getattr(rule, 'operations', [])],
    })
with open(os.path.join(out, 'defaults.json'), 'w') as f:
    json.dump(defaults, f, indent=1)
    f.write('\n')

PERSONAS = {
    'admin': dict(project_id='p1', roles=['admin', 'member', 'reader']),
    'member': dict(project_id='p1', roles=['member', 'reader']),
    'reader': dict(project_id='p1', roles=['Reader']),
    'other': dict(project_id='p2', roles=['member', 'reader'], user_id='u2'),
    'system': dict(system_scope='all', roles=['admin', 'reader']),
    'domain': dict(domain_id='d1', roles=['member'], user_domain_id='d1'),
    'noproject': dict(roles=['member']),
}
TARGETS = {
    'own': {'project_id': 'p1', 'owner': 'p1', 'member_id': None, 'visibility': 'private',
            'role': 'READER', 'flag': True, 'n': 1, 'f': 1.0, 'user': 'u2', 'a(b)c': 'p1',
            'a.b': 'p1', 'tags': ['x', 'y']},
    'shared': {'project_id': 'p2', 'owner': 'p2', 'member_id': 'p1', 'visibility': 'shared',
               'flag': False, 'n': 2, 'f': 0.5, 'user': 'u1'},
    'ownerless': {'project_id': None, 'owner': None, 'member_id': None, 'visibility': 'public'},
}
NAMED = {
    'default': 'role:admin',
    'yes': '@',
    'no': '!',
    'owner': 'project_id:%(project_id)s',
    'chain': 'rule:owner or rule:no',
}

ATOMS = [
    '@', '!', 'role:member', 'role:READER', 'role:admin', 'role:%(role)s', 'role:%(absent)s',
    'project_id:%(project_id)s', 'project_id:%(owner)s', 'project_id:%(member_id)s',
    "'public':%(visibility)s", '"shared":%(visibility)s', "'private':%(visibility)s",
    'True:%(flag)s', 'False:%(flag)s', 'None:%(member_id)s', '1:%(n)s', "'1':%(n)s", '1.0:%(f)s',
    '0x1:%(n)s', '-2:-%(n)s', 'user_id:%(user)s', 'is_admin:True', 'is_admin_project:True',
    'roles:member', 'roles:Reader', 'system:all', 'system_scope:all', 'domain_id:d1',
    'user_domain_id:d1', 'project_id:None', 'project_id:p1', 'project_id:%(absent)s',
    'project_id:%(a(b)c)s', 'project_id:%(a.b)s', 'project_id:%(project_id)d', 'project_id:50%',
    'project_id:%%(project_id)s', 'roles.x:y', 'rule:yes', 'rule:no',
    'rule:owner', 'rule:chain', 'rule:undefined', 'http://example.invalid/%(n)s', 'nocolon',
    "'quoted'", 'Role:member', 'role:', ':x',
]
HAND_PICKED = [
    '', ' ', 'role:member or role:reader and role:admin', '(role:member or role:reader) and role:admin',
    'not role:admin or role:member', 'not (role:admin or role:member)', 'role:member AND NOT role:admin',
    'role:admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)',
    'role:admin or (role:reader and project_id:%(project_id)s) or', 'and role:member', '(role:member',
    'role:member)', '((role:member))', 'role:member role:reader', 'not', 'not not role:member',
    "(('public':%(visibility)s))", "'public':'public'", "'public':%(visibility)s)",
    'role:member or (role:reader and not (role:admin or True:%(flag)s))',
]


def random_rule(rng, depth=0):
    kind = rng.random()
    if depth > 2 or kind < 0.35:
        return rng.choice(ATOMS)
    if kind < 0.45:
        return 'not ' + random_rule(rng, depth + 1)
    if kind < 0.6:
        return '(' + random_rule(rng, depth + 1) + ')'
    op = rng.choice(['and', 'or', 'AND', 'Or'])
    return '%s %s %s' % (random_rule(rng, depth + 1), op, random_rule(rng, depth + 1))


def mangle(rng, rule):
    """Occasionally breaks a rule: a dropped or doubled token or parenthesis."""
    words = rule.split(' ')
    choice = rng.random()
    if choice < 0.1 and len(words) > 1:
        del words[rng.randrange(len(words))]
    elif choice < 0.15:
        words.insert(rng.randrange(len(words) + 1), rng.choice(['(', ')', 'and', 'or', 'not']))
    return ' '.join(words)


conf = cfg.ConfigOpts()
conf([], project='glance', default_config_files=[])
enforcer = policy.Enforcer(conf, policy_file='/nonexistent/policy.yaml')
enforcer.suppress_deprecation_warnings = True
enforcer.register_defaults([policy.RuleDefault(name, check) for name, check in NAMED.items()])
enforcer.load_rules()


def verdict(rule, persona, target):
    try:
        allowed = enforcer.enforce(_parser.parse_rule(rule), target, context.RequestContext(**persona))
        return 'T' if allowed else 'F'
    except Exception:
        return 'E'  # upstream raises (a 500 there); we deny


rng = random.Random(20260722)
rules = HAND_PICKED + ATOMS + [mangle(rng, random_rule(rng)) for _ in range(260)]
seen = set()
cases = []
for rule in rules:
    if rule in seen:
        continue
    seen.add(rule)
    grid = ''.join(verdict(rule, p, t) for p in PERSONAS.values() for t in TARGETS.values())
    cases.append([rule, grid])

with open(os.path.join(out, 'checks.json'), 'w') as f:
    json.dump({'personas': PERSONAS, 'targets': TARGETS, 'rules': NAMED, 'cases': cases}, f, indent=1)
    f.write('\n')
