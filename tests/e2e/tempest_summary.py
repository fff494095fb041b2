#!/usr/bin/python3
"""Summarise a Tempest run from its subunit v2 stream on stdin (`stestr last --subunit`).

Prints the counts, each failure with the end of its traceback, and each skip with its reason. A
class that skips as a whole (setUpClass) counts as one skip, as in Tempest's own totals. Exits 1
when a test failed or none passed.
"""

import re
import sys

import subunit
import testtools

TRACEBACK_LINES = 25


def read_tests(stream):
    tests = []
    result = testtools.StreamToDict(tests.append)
    parser = subunit.ByteStreamToStreamResult(stream, non_subunit_name='stdout')
    result.startTestRun()
    try:
        parser.run(result)
    finally:
        result.stopTestRun()
    return [t for t in tests if t['status'] not in ('exists', 'inprogress')]


def name(test):
    # drop the "[id-...,smoke]" attribute suffix Tempest appends to each test id
    return re.sub(r'\[[^\]]*\]$', '', test['id'])


def detail(test, key):
    content = test['details'].get(key)
    if content is None:
        return ''
    return ''.join(chunk.decode('utf-8', 'replace') for chunk in content.iter_bytes()).strip()


def main():
    tests = read_tests(sys.stdin.buffer)
    passed = [t for t in tests if t['status'] in ('success', 'xfail')]
    failed = [t for t in tests if t['status'] in ('fail', 'uxsuccess')]
    skipped = [t for t in tests if t['status'] == 'skip']
    print('Tempest: %d passed, %d failed, %d skipped' % (len(passed), len(failed), len(skipped)))
    if failed:
        print('\nFailed:')
        for test in sorted(failed, key=name):
            print('  - %s' % name(test))
            # without the lines of carets Python 3.11 puts under each expression
            lines = [line for line in detail(test, 'traceback').splitlines()
                     if line.strip(' ^~')][-TRACEBACK_LINES:]
            for line in lines:
                print('      %s' % line)
    if skipped:
        print('\nSkipped:')
        for test in sorted(skipped, key=name):
            print('  - %s: %s' % (name(test), detail(test, 'reason') or '(no reason given)'))
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
