import { run } from '../buildah';
import type { RuleCases } from '../buildCase';

const script = '#!/bin/sh\necho "app says hi"\n';
// ADD of plain local files is COPY: the same files, modes and owners. An archive keeps ADD
// (COPY would not extract it), quoted or not.
const cases: RuleCases = {
  rule: 'prefer-copy',
  cases: [
    {
      name: 'one script into a folder',
      dockerfile: 'FROM busybox:1.36\nADD app.sh /usr/local/bin/\nCMD ["sh", "/usr/local/bin/app.sh"]\n',
      files: { 'app.sh': script },
      fix: 'safe',
    },
    {
      name: 'a folder with --chown (numeric ids)',
      dockerfile: 'FROM busybox:1.36\nADD --chown=1000:1000 conf/ /etc/app/\nCMD ["cat", "/etc/app/app.conf", "/etc/app/extra/more.conf"]\n',
      files: { 'conf/app.conf': 'port=8080\n', 'conf/extra/more.conf': 'debug=false\n' },
      fix: 'safe',
    },
    {
      name: 'JSON form with a space in the name',
      dockerfile: 'FROM busybox:1.36\nADD ["notes and todo.txt", "/data/"]\nCMD ["cat", "/data/notes and todo.txt"]\n',
      files: { 'notes and todo.txt': 'remember the milk\n' },
      fix: 'safe',
    },
    {
      name: 'several sources, quoted destination, after a WORKDIR',
      dockerfile: 'FROM busybox:1.36\nWORKDIR /srv\nADD app.sh "lib.sh" ./bin/\nCMD ["sh", "-c", "ls -l bin | wc -l && sh bin/app.sh"]\n',
      files: { 'app.sh': script, 'lib.sh': 'helper() { :; }\n' },
      fix: 'safe',
    },
    {
      name: 'in a build stage whose output is copied on',
      dockerfile: ['FROM busybox:1.36 AS assets', 'ADD static /static', 'FROM busybox:1.36', 'COPY --from=assets /static /var/www', 'CMD ["cat", "/var/www/index.html"]', ''].join('\n'),
      files: { 'static/index.html': '<h1>hi</h1>\n' },
      fix: 'safe',
    },
    {
      name: 'a quoted local archive is extracted by ADD: not a COPY',
      dockerfile: 'FROM busybox:1.36\nADD "site.tar.gz" /srv/\nCMD ["cat", "/srv/site/index.html"]\n',
      prepare: async (dir) => {
        await run('mkdir', ['-p', `${dir}/site`]);
        await run('sh', ['-c', `echo '<p>archived</p>' > '${dir}/site/index.html' && tar -C '${dir}' -czf '${dir}/site.tar.gz' site && rm -r '${dir}/site'`]);
      },
      fix: 'withheld',
    },
    {
      name: 'an unquoted archive behind a glob',
      dockerfile: 'FROM busybox:1.36\nADD release-*.tar /opt/\nCMD ["ls", "/opt/release"]\n',
      prepare: async (dir) => {
        await run('sh', ['-c', `mkdir -p '${dir}/release' && echo v1 > '${dir}/release/VERSION' && tar -C '${dir}' -cf '${dir}/release-1.0.tar' release && rm -r '${dir}/release'`]);
      },
      fix: 'withheld',
    },
  ],
};
export default cases;
