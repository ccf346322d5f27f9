#!/usr/bin/env python3
"""Writes the malformed-input corpus: one file per case, per input kind, in Jazzer's seed-corpus layout
(src/test/resources/<package>/<Class>Inputs/<method>/). Run from the repository root; the output is committed, so
CI never runs this script. Cases are derived from valid seeds (files of this repository) by fixed mutations, plus
the hostile inputs of issue 14. Deterministic: the same files every run."""
import json, os, pathlib, shutil

ROOT = pathlib.Path('.')
CORE = ROOT / 'core/src/test/resources/io/trailguard/core/fuzz/InputFuzzTestInputs'
ADAPTER = ROOT / 'aws-adapter/src/test/resources/io/trailguard/aws/config/ConfigInputFuzzTestInputs'
CLI = ROOT / 'cli/src/test/resources/io/trailguard/cli/ConfigFileFuzzTestInputs'

def out(base, kind, name, data):
    d = base / kind
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode('utf-8'))

def generic(base, kind, seed, ext):
    """Mutations any text format must survive as an input error with a position."""
    b = seed.encode('utf-8')
    out(base, kind, 'empty' + ext, b'')
    out(base, kind, 'whitespace' + ext, b'  \n\t\n')
    out(base, kind, 'nul-bytes' + ext, b'\x00' * 16)
    out(base, kind, 'not-utf8' + ext, b'\xff\xfe\xc3\x28' + b[:40])
    out(base, kind, 'bom-then-garbage' + ext, b'\xef\xbb\xbf' + b'@@@')
    out(base, kind, 'control-chars' + ext, b'\x1b[31m\x07\x08' + b[:60])
    for frac in (10, 25, 50, 75, 90, 99):
        out(base, kind, 'truncated-%02d%s' % (frac, ext), b[:len(b) * frac // 100])
    out(base, kind, 'doubled' + ext, b + b)
    out(base, kind, 'top-level-number' + ext, b'42')
    out(base, kind, 'top-level-string' + ext, b'"text"')
    out(base, kind, 'top-level-array' + ext, b'[1, 2, 3]')
    out(base, kind, 'top-level-null' + ext, b'null')
    out(base, kind, 'huge-exponent' + ext, b'1e99999999999')
    out(base, kind, 'deep-array' + ext, b'[' * 5000 + b']' * 5000)
    out(base, kind, 'deep-object' + ext, b'{"a":' * 3000 + b'1' + b'}' * 3000)
    out(base, kind, 'unterminated-string' + ext, b'{"a": "never closed')
    out(base, kind, 'lone-surrogate' + ext, '{"a": "\\ud800"}'.encode())

def yaml_only(base, kind, ext='.yaml'):
    out(base, kind, 'recursive-alias' + ext, 'a: &a [*a]\n')
    out(base, kind, 'recursive-alias-map' + ext, 'a: &a {b: *a}\n')
    out(base, kind, 'alias-bomb' + ext, 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n')
    out(base, kind, 'python-tag' + ext, 'a: !!python/object/apply:os.system ["id"]\n')
    out(base, kind, 'java-tag' + ext, 'a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:1/"]]]]\n')
    out(base, kind, 'custom-tag' + ext, 'a: !foo bar\n')
    out(base, kind, 'duplicate-key' + ext, 'a: 1\na: 2\n')
    out(base, kind, 'complex-key' + ext, '? [a, b]\n: c\n')
    out(base, kind, 'tab-indent' + ext, 'a:\n\tb: 1\n')
    out(base, kind, 'bad-indent' + ext, 'a:\n  b: 1\n c: 2\n')
    out(base, kind, 'two-documents' + ext, 'a: 1\n---\nb: 2\n')
    out(base, kind, 'number-exponent' + ext, 'a: 1e99999999999\n')
    out(base, kind, 'number-long-digits' + ext, 'a: ' + '9' * 5000 + '\n')
    out(base, kind, 'unclosed-flow' + ext, 'a: [1, 2\n')
    out(base, kind, 'deep-flow' + ext, 'a: ' + '[' * 500 + ']' * 500 + '\n')
    out(base, kind, 'merge-key' + ext, 'base: &b {x: 1}\na:\n  <<: *b\n')

def main():
    for d in (CORE, ADAPTER, CLI):
        if d.exists():
            shutil.rmtree(d)
    # ---- rule files ----
    rule = (ROOT / 'rules/src/main/resources/io/trailguard/rules/pack/cloudtrail/CT-03.yaml').read_text()
    generic(CORE, 'ruleFile', rule, '.yaml')
    yaml_only(CORE, 'ruleFile')
    head = 'apiVersion: trailguard/v1\nid: X-01\ntitle: A rule\nseverity: high\nresource: AWS::CloudTrail::Trail\nmessage: m\n'
    cases = {
        'regex-nested-repeat': 'require: {path: $.Name, matches: "((a{1000}){1000}){1000}"}\n',
        'regex-repeat-over-limit': 'require: {path: $.Name, matches: "a{1001}"}\n',
        'regex-long-serial': 'require: {path: $.Name, matches: "' + '(a{999})' * 200 + '"}\n',
        'regex-syntax': 'require: {path: $.Name, matches: "(unclosed"}\n',
        'regex-backref': 'require: {path: $.Name, matches: "(a)\\\\1"}\n',
        'jsonpath-regex-filter': 'require: {path: "$.EventSelectors[?(@.Name =~ /(a+)+$/)]", some: {exists: true}}\n',
        'jsonpath-regex-filter-nested': 'require: {path: "$..[?(@.x=~/.*/i)].y", some: {exists: true}}\n',
        'jsonpath-unclosed': 'require: {path: "$.a[?(@.b", equals: 1}\n',
        'jsonpath-no-dollar': 'require: {path: "Name", equals: 1}\n',
        'unknown-operator': 'require: {path: $.Name, equalz: 1}\n',
        'severity-number': 'require: {path: $.Name, equals: 1}\n',
        'require-list': 'require: [1, 2]\n',
        'require-missing': '',
        'all-empty': 'require: {all: []}\n',
        'not-list': 'require: {not: [1]}\n',
        'template-unclosed': 'require: {path: $.Name, equals: "{{ self.Name"}\n',
        'template-unknown-filter': 'require: {path: $.Name, equals: "{{ self.Name | nope }}"}\n',
        'param-type-bad': 'params: {x: {type: regex, default: 1}}\nrequire: {path: $.Name, equals: {param: x}}\n',
        'param-undeclared': 'require: {path: $.Name, equals: {param: nope}}\n',
        'older-than-bad': 'require: {path: $.Name, older_than: soon}\n',
        'size-bad': 'require: {path: $.Name, size: 3}\n',
        'given-proc-environ': 'require: {path: $.Name, exists: true}\ntests:\n  - name: reads the environment\n    given: /proc/self/environ\n    expect: PASS\n',
        'given-parent-escape': 'require: {path: $.Name, exists: true}\ntests:\n  - name: escapes\n    given: ../../../../../../../../etc/passwd\n    expect: PASS\n',
        'given-not-string': 'require: {path: $.Name, exists: true}\ntests:\n  - name: x\n    given: 5\n    expect: PASS\n',
        'expect-unknown-status': 'require: {path: $.Name, exists: true}\ntests:\n  - name: x\n    given: {resources: []}\n    expect: MAYBE\n',
    }
    for name, body in cases.items():
        text = head + body
        if name == 'severity-number':
            text = text.replace('severity: high', 'severity: 1e99999999999')
        out(CORE, 'ruleFile', name + '.yaml', text)
    out(CORE, 'ruleFile', 'wrong-api-version.yaml', rule.replace('trailguard/v1', 'trailguard/v9'))
    out(CORE, 'ruleFile', 'id-bad.yaml', rule.replace('id: CT-03', 'id: "ct 03 !"'))
    out(CORE, 'ruleFile', 'resource-type-bad.yaml', rule.replace('AWS::CloudTrail::Trail', 'CloudTrail Trail'))
    out(CORE, 'ruleFile', 'tests-not-list.yaml', rule.split('tests:')[0] + 'tests: 5\n')

    # ---- snapshots ----
    snap = (ROOT / 'core/src/test/resources/snapshots/minimal.json').read_text()
    generic(CORE, 'snapshot', snap, '.json')
    doc = json.loads(snap)
    def snapcase(name, mutate):
        d = json.loads(snap)
        mutate(d)
        out(CORE, 'snapshot', name + '.json', json.dumps(d, indent=1))
    snapcase('version-unknown', lambda d: d.update(snapshotVersion=99))
    snapcase('version-string', lambda d: d.update(snapshotVersion='1'))
    snapcase('captured-bad', lambda d: d.update(capturedAt='yesterday'))
    snapcase('accounts-not-list', lambda d: d.update(accounts='111111111111'))
    snapcase('account-short', lambda d: d.update(accounts=['1111']))
    snapcase('resources-object', lambda d: d.update(resources={}))
    snapcase('resource-null', lambda d: d['resources'].append(None))
    snapcase('resource-no-type', lambda d: d['resources'][0].pop('type'))
    snapcase('resource-type-bad', lambda d: d['resources'][0].update(type='Trail'))
    snapcase('resource-no-id', lambda d: d['resources'][0].pop('id'))
    snapcase('resource-id-number', lambda d: d['resources'][0].update(id=5))
    snapcase('resource-config-array', lambda d: d['resources'][0].update(configuration=[1]))
    snapcase('resource-duplicate', lambda d: d['resources'].append(dict(d['resources'][0])))
    snapcase('error-not-object', lambda d: d['errors'].append('denied'))
    snapcase('error-no-operation', lambda d: d['errors'][0].pop('operation'))
    snapcase('errors-object', lambda d: d.update(errors={}))
    snapcase('unknown-top-key', lambda d: d.update(extra=1))
    snapcase('huge-number-value', lambda d: d['resources'][0]['configuration'].update(X=1))
    out(CORE, 'snapshot', 'huge-number-in-config.json',
        json.dumps(doc).replace('"LogFileValidationEnabled": true', '"LogFileValidationEnabled": 1e99999999999'))
    out(CORE, 'snapshot', 'duplicate-keys.json', '{"snapshotVersion": 1, "snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z", "accounts": [], "resources": [], "errors": []}')
    out(CORE, 'snapshot', 'trailing-garbage.json', snap + '\n}}}')
    out(CORE, 'snapshot', 'comment.json', '// a comment\n' + snap)
    out(CORE, 'snapshot', 'single-quotes.json', snap.replace('"', "'"))
    out(CORE, 'snapshot', 'nan.json', snap.replace('"snapshotVersion": 1', '"snapshotVersion": NaN'))

    # ---- IAM policies ----
    pol = (ROOT / 'core/src/test/resources/policy/cloudtrail/bucket-policy.json').read_text()
    generic(CORE, 'policy', pol, '.json')
    pcases = {
        'no-statement': {'Version': '2012-10-17'},
        'statement-string': {'Version': '2012-10-17', 'Statement': 'allow'},
        'effect-bad': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Maybe', 'Action': '*', 'Resource': '*'}]},
        'action-and-notaction': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'NotAction': 's3:*', 'Resource': '*'}]},
        'action-number': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 5, 'Resource': '*'}]},
        'action-no-colon': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'getobject', 'Resource': '*'}]},
        'principal-number': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': 5, 'Action': '*', 'Resource': '*'}]},
        'principal-unknown-kind': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Robot': 'x'}, 'Action': '*', 'Resource': '*'}]},
        'condition-not-object': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*', 'Condition': 'x'}]},
        'condition-unknown-operator': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*', 'Condition': {'StringEqualz': {'a': 'b'}}}]},
        'condition-value-object': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*', 'Condition': {'StringEquals': {'a': {'b': 1}}}}]},
        'ip-bad': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*', 'Condition': {'IpAddress': {'aws:SourceIp': '999.1.1.1/99'}}}]},
        'version-bad': {'Version': '2099-01-01', 'Statement': []},
        'unknown-top-key': {'Version': '2012-10-17', 'Statement': [], 'Extra': 1},
        'statement-null': {'Version': '2012-10-17', 'Statement': [None]},
        'wildcard-bomb': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*' * 5000 + 'a'}]},
        'condition-huge-number': {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*', 'Condition': {'NumericLessThan': {'s3:max-keys': '1e99999999999'}}}]},
    }
    for name, d in pcases.items():
        out(CORE, 'policy', name + '.json', json.dumps(d, indent=1))

    # ---- CloudWatch Logs metric filter patterns (a snapshot value, evaluated, never an input error of the run) ----
    for name, p in {
        'valid-json': '{ $.userIdentity.type = "Root" }',
        'regex-nested-repeat': '%((a{1000}){1000}){1000}%',
        'regex-in-term': '{ $.eventName = %((a{100}){100}){100}% }',
        'regex-unclosed': '%abc',
        'json-unclosed': '{ $.a = "b" ',
        'json-deep-parens': '{ ' + '(' * 3000 + '$.a = 1' + ')' * 3000 + ' }',
        'json-huge-number': '{ $.a = 1e99999999999 }',
        'json-huge-exponent-valid': '{ $.a > 1e999999999 }',
        'json-bad-op': '{ $.a ~ 1 }',
        'json-no-selector': '{ = 1 }',
        'space-unclosed-bracket': '[a, b',
        'space-many-terms': ' '.join(['"x%d"' % i for i in range(3000)]),
        'quote-unclosed': '"abc',
        'control-chars': '\x1b[2J\x00?',
        'only-operators': '&& || !',
        'wildcards': '{ $.a = "' + '*' * 5000 + 'b" }',
    }.items():
        out(CORE, 'filterPattern', name + '.txt', p)

    # ---- suppressions ----
    sup = (ROOT / 'core/src/test/resources/report/suppressions.yaml').read_text()
    generic(CORE, 'suppressions', sup, '.yaml')
    yaml_only(CORE, 'suppressions')
    for name, body in {
        'not-list': 'rule: CT-03\n',
        'entry-string': '- CT-03\n',
        'no-rule': '- {reason: x}\n',
        'no-reason': '- {rule: CT-03}\n',
        'account-short': '- {rule: CT-03, reason: x, account: "123"}\n',
        'account-number': '- {rule: CT-03, reason: x, account: 123456789012}\n',
        'expires-bad': '- {rule: CT-03, reason: x, expires: someday}\n',
        'expires-date-invalid': '- {rule: CT-03, reason: x, expires: 2026-02-30}\n',
        'unknown-key': '- {rule: CT-03, reason: x, color: red}\n',
        'resource-list': '- {rule: CT-03, reason: x, resource: [a]}\n',
        'glob-bomb': '- {rule: CT-03, reason: x, resource: "' + '*' * 4000 + 'z"}\n',
    }.items():
        out(CORE, 'suppressions', name + '.yaml', body)

    # ---- baselines (previous JSON reports) ----
    base = json.dumps({'version': 2, 'rules': {}, 'findings': [{'ruleId': 'CT-03', 'status': 'FAIL', 'resource': {
        'type': 'AWS::CloudTrail::Trail', 'id': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/main', 'accountId': '111111111111'}}]}, indent=1)
    generic(CORE, 'baseline', base, '.json')
    for name, d in {
        'version-unknown': {'reportVersion': 7, 'findings': []},
        'version-string': {'reportVersion': 'two', 'findings': []},
        'findings-object': {'version': 2, 'findings': {}},
        'finding-string': {'version': 2, 'findings': ['x']},
        'finding-no-resource': {'version': 2, 'findings': [{'ruleId': 'CT-03', 'status': 'FAIL'}]},
        'finding-resource-string': {'version': 2, 'findings': [{'ruleId': 'CT-03', 'status': 'FAIL', 'resource': 'x'}]},
        'status-number': {'version': 2, 'findings': [{'ruleId': 'CT-03', 'status': 3, 'resource': {'type': 'a', 'id': 'b'}}]},
        'no-version': {'findings': []},
        'not-a-report': {'snapshotVersion': 1, 'resources': []},
    }.items():
        out(CORE, 'baseline', name + '.json', json.dumps(d, indent=1))

    # ---- AWS Config rule events ----
    ev = (ROOT / 'aws-adapter/src/test/resources/config/events/awsConfigRuleConfigurationChanged.json').read_text()
    generic(ADAPTER, 'configEvent', ev, '.json')
    def event(name, invoking, params=None, **extra):
        d = {'version': '1.0', 'invokingEvent': invoking if isinstance(invoking, str) else json.dumps(invoking),
             'configRuleName': 'trailguard', 'accountId': '123456789012', 'resultToken': 'TESTMODE'}
        if params is not None:
            d['ruleParameters'] = params if isinstance(params, str) else json.dumps(params)
        d.update(extra)
        out(ADAPTER, 'configEvent', name + '.json', json.dumps(d, indent=1))
    event('invoking-not-json', '{not json')
    event('invoking-number', 5)
    event('invoking-empty', '')
    event('message-type-unknown', {'messageType': 'Nope'})
    event('message-type-missing', {})
    event('change-no-item', {'messageType': 'ConfigurationItemChangeNotification'})
    event('change-item-string', {'messageType': 'ConfigurationItemChangeNotification', 'configurationItem': 'x'})
    event('change-item-no-type', {'messageType': 'ConfigurationItemChangeNotification', 'configurationItem': {'resourceId': 'x'}})
    event('change-item-config-not-json', {'messageType': 'ConfigurationItemChangeNotification', 'configurationItem': {
        'resourceType': 'AWS::S3::Bucket', 'resourceId': 'b', 'configurationItemStatus': 'OK', 'configuration': '{bad',
        'supplementaryConfiguration': {'BucketPolicy': '{"policyText": "{not json"}'}}})
    event('oversized-no-summary', {'messageType': 'OversizedConfigurationItemChangeNotification'})
    event('oversized-summary-no-id', {'messageType': 'OversizedConfigurationItemChangeNotification', 'configurationItemSummary': {'resourceType': 'AWS::S3::Bucket'}})
    event('scheduled-time-bad', {'messageType': 'ScheduledNotification', 'notificationCreationTime': 'noon'})
    event('params-rules-blank-list', {'messageType': 'ScheduledNotification', 'notificationCreationTime': '2026-11-20T09:00:00Z'}, {'rules': ' , '})
    event('params-rules-unknown', {'messageType': 'ScheduledNotification', 'notificationCreationTime': '2026-11-20T09:00:00Z'}, {'rules': 'NOPE-1'})
    event('params-unknown-as-bad', {'messageType': 'ScheduledNotification', 'notificationCreationTime': '2026-11-20T09:00:00Z'}, {'unknownAs': 'PASS'})
    event('params-not-json', {'messageType': 'ScheduledNotification'}, '{oops')
    event('params-array', {'messageType': 'ScheduledNotification'}, '[1]')
    event('params-regex-bomb', {'messageType': 'ScheduledNotification', 'notificationCreationTime': '2026-11-20T09:00:00Z'}, {'rules': 'CT-03', 'x': '((a{1000}){1000}){1000}'})

    # ---- AWS Config snapshots ----
    item = json.loads((ROOT / 'aws-adapter/src/test/resources/config/rdk/AWS_Cloudtrail_Trail.json').read_text())
    cs = json.dumps({'fileVersion': '1.0', 'configSnapshotId': 'x', 'configurationItems': [item]}, indent=1)
    generic(ADAPTER, 'configSnapshot', cs, '.json')
    def csnap(name, mutate):
        d = json.loads(cs)
        mutate(d)
        out(ADAPTER, 'configSnapshot', name + '.json', json.dumps(d, indent=1))
    csnap('items-object', lambda d: d.update(configurationItems={}))
    csnap('item-string', lambda d: d['configurationItems'].append('x'))
    csnap('item-no-type', lambda d: d['configurationItems'][0].pop('resourceType'))
    csnap('item-no-account', lambda d: d['configurationItems'][0].pop('accountId'))
    csnap('item-config-string-bad', lambda d: d['configurationItems'][0].update(configuration='{bad'))
    csnap('item-capture-time-bad', lambda d: d['configurationItems'][0].update(configurationItemCaptureTime='never'))
    csnap('no-items', lambda d: d.pop('configurationItems'))

    # ---- trailguard.yaml ----
    cfg = 'scan:\n  fail-on: high\n  format: [text]\n  param: {CT-05.maxDeliveryLag: 30m}\n  skip-rule: [CT-13]\n  rule: [CT-05]\n'
    generic(CLI, 'configFile', cfg, '.yaml')
    yaml_only(CLI, 'configFile')
    for name, body in {
        'unknown-section': 'scann:\n  fail-on: high\n',
        'unknown-option': 'scan:\n  fial-on: high\n',
        'fail-on-bad': 'scan:\n  fail-on: severe\n',
        'fail-on-list': 'scan:\n  fail-on: [high]\n',
        'format-bad': 'scan:\n  format: [pdf]\n',
        'concurrency-bad': 'collect:\n  concurrency: many\n',
        'concurrency-huge': 'collect:\n  concurrency: 1e99999999999\n',
        'section-list': 'scan: [1]\n',
        'param-not-map': 'scan:\n  param: 5\n',
        'rules-list-section': 'rules list:\n  format: xml\n',
    }.items():
        out(CLI, 'configFile', name + '.yaml', body)

if __name__ == '__main__':
    main()
