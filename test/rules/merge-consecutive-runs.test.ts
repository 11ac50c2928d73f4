import rule from '../../server/src/rules/merge-consecutive-runs';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'separated by another instruction', code: lines('FROM a:1.0.0', 'RUN curl -o /tmp/x.tgz https://example.com/x.tgz', 'COPY x /x', 'RUN rm /tmp/x.tgz') },
    { name: 'heredoc RUNs are scripts on purpose', code: lines('FROM a:1.0.0', 'RUN <<EOF', 'touch /tmp/a', 'EOF', 'RUN rm /tmp/a') },
    { name: 'backtick escape without SHELL: a Windows file, cmd bodies are not merged', code: lines('# escape=`', 'FROM a:1.0.0', 'RUN a > C:\\t.txt', 'RUN del C:\\t.txt') },
    { name: 'different mounts', code: lines('FROM a:1.0.0', 'RUN --mount=type=cache,target=/c touch /tmp/a', 'RUN rm /tmp/a') },
    // Separate on purpose: each RUN changes on its own, and merging saves nothing (real repositories: all noise).
    { name: 'unrelated RUNs one after the other', code: lines('FROM a:1.0.0', 'RUN apt-get update && apt-get install -y x', 'RUN useradd app', 'RUN pip wheel -r requirements.txt') },
    {
      name: 'a RUN that removes only what it installed itself (shlink: apk del of its own --virtual package)',
      code: lines(
        'FROM php:8.5-alpine3.22',
        'RUN apk add --no-cache --virtual .dev-deps icu-dev && docker-php-ext-install intl && apk del .dev-deps && apk add --no-cache icu',
        'RUN if [ "$(uname -m)" = "x86_64" ]; then apk add --no-cache --virtual .phpize-deps ${PHPIZE_DEPS} && pecl install pdo_sqlsrv && apk del .phpize-deps; fi',
      ),
    },
    { name: 'an rm of something the previous RUN does not name', code: lines('FROM a:1.0.0', 'RUN make', 'RUN rm -rf /usr/share/doc') },
  ],
  invalid: [
    {
      name: 'the next RUN removes the download the previous one made',
      code: lines('FROM a:1.0.0', 'RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt', 'RUN rm /tmp/tool.tgz'),
      errors: [
        {
          messageId: 'removes',
          line: 3,
          column: 1,
          message: /removes \/tmp\/tool\.tgz, which the RUN before it created/,
          suggestions: [{ output: lines('FROM a:1.0.0', 'RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt \\', '    && rm /tmp/tool.tgz') }],
        },
      ],
      output: null,
    },
    {
      name: 'build dependencies purged in the next RUN',
      code: lines('FROM a:1.0.0', 'RUN apt-get update && apt-get install -y gcc && make', 'RUN apt-get purge -y gcc'),
      errors: [{ messageId: 'removes', line: 3, column: 1, message: /packages that apt-get installed/ }],
      output: null,
    },
    {
      name: 'one install split over two RUNs',
      code: lines('FROM a:1.0.0', 'RUN apk add --no-cache curl', 'RUN apk add --no-cache jq'),
      errors: [{ messageId: 'install', line: 3, column: 1, message: /more apk packages/ }],
      output: null,
    },
    {
      name: 'cd in the first would leak into the second: no fix',
      code: lines('FROM a:1.0.0', 'RUN cd /src && make > build.log', 'RUN rm build.log'),
      errors: [{ messageId: 'removes', line: 3, column: 1, suggestions: [] }],
      output: null,
    },
    {
      name: 'backtick escape with an explicit POSIX SHELL',
      code: lines('# escape=`', 'FROM a:1.0.0', 'SHELL ["/bin/sh", "-c"]', 'RUN touch /tmp/lock', 'RUN rm /tmp/lock'),
      errors: [{ messageId: 'removes', line: 5, column: 1, suggestions: [{ output: lines('# escape=`', 'FROM a:1.0.0', 'SHELL ["/bin/sh", "-c"]', 'RUN touch /tmp/lock `', '    && rm /tmp/lock') }] }],
      output: null,
    },
  ],
});
