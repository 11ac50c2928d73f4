import rule from '../../server/src/rules/install-prompts';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: "apt-get's -q=2 (quiet level 2 implies yes)", code: lines('FROM debian:12.8', 'RUN apt-get install -q=2 curl') },
    {
      name: 'apt-get -y, combined -qy, -qq, --assume-yes',
      code: lines('FROM debian:12.8', 'RUN apt-get update && apt-get install -y curl && apt-get install -qy jq && apt-get -qq install git && apt-get install --assume-yes make'),
    },
    { name: 'yes piped in, and an apt option', code: lines('FROM debian:12.8', 'RUN yes | apt-get install curl && apt-get -o APT::Get::Assume-Yes=true install jq') },
    { name: "a simulation asks nothing (docker-library's postgres)", code: lines('FROM debian:12.8', 'RUN if apt-get install -s "postgresql-17-jit" > /dev/null 2>&1; then echo yes; fi') },
    { name: 'commands that never ask', code: lines('FROM debian:12.8', 'RUN apt-get update && apt-get clean && apk add curl') },
    { name: 'dnf -y, zypper -n', code: lines('FROM fedora:41', 'RUN dnf install -y gcc && zypper -n install make && zypper --non-interactive in jq') },
  ],
  invalid: [
    {
      name: 'microdnf install without -y: the suggestion adds it',
      code: lines('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5', 'RUN microdnf install nginx && microdnf clean all'),
      errors: [
        { messageId: 'prompts', line: 2, column: 5, suggestions: [{ output: lines('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5', 'RUN microdnf install -y nginx && microdnf clean all') }] },
      ],
      output: null,
    },
    {
      name: 'apt-get install without -y: the fix answers yes',
      code: lines('FROM debian:12.8', 'RUN apt-get update && apt-get install --no-install-recommends curl'),
      errors: [{ messageId: 'prompts', line: 2, column: 23 }],
      output: lines('FROM debian:12.8', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'),
    },
    {
      name: 'apt-get -f install after dpkg -i (jessfraz/zoom-us), in a continued chain',
      code: lines('FROM debian:12.8', 'RUN dpkg -i /tmp/zoom_setup.deb \\', '\t&& apt-get -f install \\', '\t&& rm /tmp/zoom_setup.deb'),
      errors: [{ messageId: 'prompts', line: 3, column: 5 }],
      output: lines('FROM debian:12.8', 'RUN dpkg -i /tmp/zoom_setup.deb \\', '\t&& apt-get -f install -y \\', '\t&& rm /tmp/zoom_setup.deb'),
    },
    {
      name: 'dnf with its in alias, and zypper: suggestions (no Fedora or openSUSE build here)',
      code: lines('FROM fedora:41', 'RUN dnf in gcc && sudo zypper install make'),
      errors: [
        { messageId: 'prompts', line: 2, column: 5, suggestions: [{ output: lines('FROM fedora:41', 'RUN dnf in -y gcc && sudo zypper install make') }] },
        { messageId: 'prompts', line: 2, column: 19, suggestions: [{ output: lines('FROM fedora:41', 'RUN dnf in gcc && sudo zypper --non-interactive install make') }] },
      ],
      output: null,
    },
  ],
});
