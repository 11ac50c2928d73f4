import rule from '../../server/src/rules/pip-extra-index';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'one index only', code: lines('FROM python:3.12.4-slim', 'RUN pip install --index-url https://pypi.internal.example.com/simple -r requirements.txt') },
    {
      name: 'hashes required: a confused package cannot match',
      code: lines('FROM python:3.12.4-slim', 'RUN pip install --require-hashes --extra-index-url https://pypi.internal.example.com/simple -r requirements.txt'),
    },
  ],
  invalid: [
    {
      name: 'a private extra index, credentials kept out of the message',
      code: lines('FROM python:3.12.4-slim', 'ARG PIP_TOKEN', 'RUN pip install --extra-index-url https://user:${PIP_TOKEN}@pypi.internal.example.com/simple -r requirements.txt'),
      errors: [{ messageId: 'extra', line: 3, column: 17, message: /^pip looks every package up on pypi\.internal\.example\.com and on PyPI/ }],
      output: null,
    },
    {
      name: "PyTorch's CPU wheels through python -m pip: info (torchtriton came this way)",
      code: lines('FROM python:3.12.4-slim', 'RUN python3 -m pip install torch --extra-index-url=https://download.pytorch.org/whl/cpu'),
      errors: [{ messageId: 'extraPublic', line: 2, column: 34, severity: 'info' }],
      output: null,
    },
    {
      name: 'in the environment, for every later install',
      code: lines('FROM python:3.12.4-slim', 'ENV PIP_EXTRA_INDEX_URL=https://pypi.internal.example.com/simple'),
      errors: [{ messageId: 'env', line: 2, column: 5 }],
      output: null,
    },
  ],
});
