import rule from '../../server/src/rules/plain-http-download';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'https downloads', code: lines('FROM debian:12.8', 'RUN curl -fsSL https://example.com/tool.tgz -o /tmp/t.tgz && wget -q https://example.com/x') },
    {
      name: 'internal hosts: a compose service, loopback, a private address',
      code: lines('FROM debian:12.8', 'RUN curl -f http://nexus:8081/repo/x.jar -o x.jar && wget http://127.0.0.1:8080/ready && curl http://10.0.0.5/x'),
    },
    { name: 'a host from a variable', code: lines('FROM debian:12.8', 'ARG MIRROR', 'RUN curl -fsSL "http://${MIRROR}/tool.tgz" -o /tmp/t.tgz') },
    { name: 'an https Alpine repository', code: lines('FROM alpine:3.21.2', 'RUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing foo') },
    { name: 'http text that is not fetched', code: lines('FROM debian:12.8', 'RUN echo "see http://example.com/docs" > /etc/motd') },
  ],
  invalid: [
    {
      name: 'curl and wget over plain HTTP (sonarr version lookup); credentials and query are left out of the message',
      code: lines('FROM debian:12.8', 'RUN curl -s http://user:s3cret@services.example.org/v1/update?token=abc && wget -q http://downloads.example.com/tool.tgz'),
      errors: [
        { messageId: 'download', line: 2, column: 13, message: /^curl fetches http:\/\/services\.example\.org\/v1\/update over plain HTTP/ },
        { messageId: 'download', line: 2, column: 84 },
      ],
      output: null,
    },
    {
      name: 'ADD of an http URL',
      code: lines('FROM debian:12.8', 'ADD http://downloads.example.com/tool.tgz /opt/'),
      errors: [{ messageId: 'download', line: 2, column: 5, message: /^ADD fetches/ }],
      output: null,
    },
    {
      name: 'an Alpine repository over http (woodpecker), as an option and written to the repositories file: info',
      code: lines(
        'FROM alpine:3.21.2',
        'RUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo',
        'RUN echo http://dl-cdn.alpinelinux.org/alpine/edge/community >> /etc/apk/repositories',
      ),
      errors: [
        { messageId: 'repository', line: 2, column: 37, severity: 'info' },
        { messageId: 'repository', line: 3, column: 10, severity: 'info' },
      ],
      output: null,
    },
  ],
});
