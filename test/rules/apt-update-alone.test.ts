import rule from '../../server/src/rules/apt-update-alone';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'update next to other work, the later RUN refreshes again', code: lines('FROM ubuntu:24.04', 'RUN apt-get update && useradd -m builder', 'RUN apt-get update && apt-get install -y curl') },
    { name: 'update with install', code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl') },
    { name: 'apk with --no-cache needs no update', code: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache curl') },
  ],
  invalid: [
    {
      // trivy's DS017: the refresh shares its RUN with other work, and the install comes later.
      name: 'update next to other work, the install in a later RUN: reported, no fix',
      code: lines('FROM ubuntu:24.04', 'RUN apt-get update && useradd -m builder', 'RUN apt-get install -y --no-install-recommends curl'),
      errors: [{ messageId: 'apart', line: 2, column: 1, message: /"apt-get update" refreshes the index in a RUN that installs nothing/ }],
      output: null,
    },
    {
      name: 'update in its own RUN, install in the next',
      code: lines('FROM debian:12.5', 'RUN apt-get update', 'RUN apt-get install -y curl'),
      errors: [{ messageId: 'alone', line: 2, column: 1 }],
      output: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl'),
    },
    {
      name: 'flags kept, ENV between',
      code: lines('FROM debian:12.5', 'RUN apt-get -qq update', 'ENV DEBIAN_FRONTEND=noninteractive', 'RUN apt-get install -y \\', '    curl'),
      errors: [{ messageId: 'alone', line: 2, column: 1, message: /"apt-get -qq update"/ }],
      output: lines('FROM debian:12.5', 'ENV DEBIAN_FRONTEND=noninteractive', 'RUN apt-get -qq update && apt-get install -y \\', '    curl'),
    },
    {
      name: 'no install follows: reported without a fix',
      code: lines('FROM alpine:3.20.1', 'RUN apk update', 'COPY . /app'),
      errors: [{ messageId: 'alone', line: 2, column: 1 }],
      output: null,
    },
  ],
});
