import rule from '../../server/src/rules/signature-check-disabled';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'a local repository built in the same step (seen in the corpus)',
      code: lines('FROM debian:12.5', 'RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list'),
    },
    { name: 'checked installs', code: lines('FROM a:1.0.0', 'RUN apk add --no-cache curl && apt-get install -y x && dnf install -y y && rpm -i z.rpm') },
  ],
  invalid: [
    {
      name: 'apk --allow-untrusted from a repository',
      code: lines('FROM alpine:3.20.1', 'RUN apk add --allow-untrusted --repository https://x.example.com/apk tool'),
      errors: [{ messageId: 'option', line: 2, column: 5, severity: 'warning', suggestions: [{ output: lines('FROM alpine:3.20.1', 'RUN apk add --repository https://x.example.com/apk tool') }] }],
      output: null,
    },
    {
      name: 'apk --allow-untrusted of local package files is a judgement call',
      code: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-geoip.apk'),
      errors: [{ messageId: 'localFiles', line: 2, column: 5, severity: 'info' }],
      output: null,
    },
    { name: 'apt-get --allow-unauthenticated', code: lines('FROM a:1.0.0', 'RUN apt-get install -y --allow-unauthenticated x'), errors: [{ messageId: 'option', line: 2, column: 5 }], output: null },
    {
      name: 'apt-get -o AllowUnauthenticated: the suggestion takes the -o too (left alone it swallowed `install` as its value)',
      code: lines('FROM a:1.0.0', 'RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y x'),
      errors: [{ messageId: 'option', line: 2, column: 5, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN apt-get install -y x') }] }],
      output: null,
    },
    { name: 'rpm --nosignature of a download', code: lines('FROM a:1.0.0', 'RUN rpm -i --nosignature https://example.com/x.rpm'), errors: [{ messageId: 'option', line: 2, column: 5 }], output: null },
    { name: 'dnf --nogpgcheck', code: lines('FROM a:1.0.0', 'RUN dnf install -y --nogpgcheck x'), errors: [{ messageId: 'option', line: 2, column: 5 }], output: null },
    {
      name: 'trusted=yes repository',
      code: lines('FROM a:1.0.0', 'RUN echo "deb [trusted=yes] http://repo.example.com/ ./" > /etc/apt/sources.list.d/x.list'),
      errors: [{ messageId: 'repo', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'gpgcheck=0 repo file',
      code: lines('FROM a:1.0.0', 'RUN printf "[x]\\nbaseurl=http://x\\ngpgcheck=0\\n" > /etc/yum.repos.d/x.repo'),
      errors: [{ messageId: 'repo', line: 2, column: 5 }],
      output: null,
    },
  ],
});
