import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertHealthcheckTracksService } from '../behaviour';
import type { RuleCases } from '../buildCase';

// A server that answers 404 to everything: healthy, with no page at "/".
const notFoundServer = (portSource: string) => `import http.server, os, sys
port = ${portSource}
class NotFound(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(404)
        self.end_headers()
http.server.HTTPServer(("0.0.0.0", port), NotFound).serve_forever()
`;
const withBusybox = async (dir: string) => copyFile('/bin/busybox', join(dir, 'busybox'));

// Each case listens on its own port: cases run side by side on the host's network.
const cases: RuleCases = {
  rule: 'healthcheck-missing',
  cases: [
    {
      name: 'python image serving a folder (python probe)',
      dockerfile: 'FROM python:3.11-slim\nWORKDIR /srv\nRUN echo hello > index.html\nEXPOSE 18101\nCMD ["python3", "-m", "http.server", "18101"]\n',
      fix: /HEALTHCHECK on port 18101 \(python\)/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18101),
    },
    {
      name: 'a 404 at "/" is healthy; the --port flag beats a stale EXPOSE',
      dockerfile: 'FROM python:3.11-slim\nCOPY server.py /app/server.py\nEXPOSE 8000\nCMD ["python3", "/app/server.py", "--port", "18102"]\n',
      files: { 'server.py': notFoundServer('int(sys.argv[sys.argv.index("--port") + 1])') },
      fix: /HEALTHCHECK on port 18102/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18102),
    },
    {
      name: 'Debian slim with no HTTP client: bash /dev/tcp',
      dockerfile:
        'FROM debian:12-slim\nCOPY busybox /usr/local/bin/busybox\nRUN mkdir -p /www && echo ok > /www/index.html\nEXPOSE 18103\nCMD ["busybox", "httpd", "-f", "-p", "18103", "-h", "/www"]\n',
      prepare: withBusybox,
      fix: /HEALTHCHECK on port 18103 \(bash\)/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18103),
    },
    {
      name: 'BusyBox wget against a server with no index page (404)',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /www\nEXPOSE 18104/tcp\nENTRYPOINT ["httpd", "-f", "-h", "/www"]\nCMD ["-p", "18104"]\n',
      fix: /HEALTHCHECK on port 18104 \(wget\)/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18104),
    },
    {
      name: 'curl installed by the Dockerfile, port from ENV PORT',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
        'COPY busybox /usr/local/bin/busybox',
        'ENV PORT=18105',
        'RUN mkdir -p /www',
        'EXPOSE $PORT',
        'CMD busybox httpd -f -p "$PORT" -h /www',
        '',
      ].join('\n'),
      prepare: withBusybox,
      fix: /HEALTHCHECK on port 18105 \(curl\)/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18105),
    },
    {
      name: 'two stages, the service copied from a build stage',
      dockerfile: [
        'FROM python:3.11-slim AS build',
        'RUN mkdir -p /out && echo built > /out/index.html',
        'FROM python:3.11-slim',
        'COPY --from=build /out /srv',
        'WORKDIR /srv',
        'EXPOSE 18106',
        'ENTRYPOINT ["python3", "-m", "http.server"]',
        'CMD ["18106"]',
        '',
      ].join('\n'),
      fix: /HEALTHCHECK on port 18106/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18106),
    },
    {
      // The port in EXPOSE is stale; the check compose runs knows where the service listens.
      name: 'the health check the compose service already has (a TCP connect from python)',
      dockerfile: 'FROM python:3.11-slim\nCOPY server.py /app/server.py\nEXPOSE 8080\nCMD ["python3", "/app/server.py"]\n',
      files: {
        'server.py': notFoundServer('18107'),
        'compose.yaml': [
          'services:',
          '  api:',
          '    build: .',
          '    healthcheck:',
          '      test: ["CMD", "python3", "-c", "import socket; socket.create_connection((\'127.0.0.1\', 18107), 3)"]',
          '      interval: 10s',
          '',
        ].join('\n'),
      },
      fix: /Add the HEALTHCHECK that compose\.yaml gives this service/,
      behaviour: ({ after }) => assertHealthcheckTracksService(after, 18107),
    },
  ],
};
export default cases;
